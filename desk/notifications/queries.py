"""Reads for the notification pages: a user's own notifications, unread first."""

from functools import cache

from sqlalchemy import func, select

from ..extensions import db
from ..models.notifications import Notification
from ..policy.recipients import own_notifications, own_notifications_of_bound_user


def inbox(user):
    return (select(Notification).where(own_notifications(user))
            .order_by(Notification.read_at.is_not(None), Notification.created_at.desc(),
                      Notification.id.desc()))


@cache
def _unread_statement():
    return select(func.count()).select_from(Notification.__table__).where(
        own_notifications_of_bound_user(), Notification.read_at.is_(None))


def unread_count(user) -> int:
    """The bell's number, on every page: one statement built once, run on the session's
    connection (the ORM's execution has nothing to add to a count)."""
    return db.session.connection().execute(_unread_statement(),
                                           {"user_id": user.id}).scalar() or 0
