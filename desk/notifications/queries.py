"""Reads for the notification pages: a user's own notifications, unread first."""

from sqlalchemy import func, select

from ..extensions import db
from ..models.notifications import Notification
from ..policy.recipients import own_notifications


def inbox(user):
    return (select(Notification).where(own_notifications(user))
            .order_by(Notification.read_at.is_not(None), Notification.created_at.desc(),
                      Notification.id.desc()))


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        own_notifications(user), Notification.read_at.is_(None))) or 0
