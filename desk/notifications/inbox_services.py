"""The reader's own actions on notifications: mark read, mark all read, choose e-mails."""

from sqlalchemy import update

from ..common.clock import utcnow
from ..extensions import db
from ..models.notifications import Notification, NotificationPreference
from ..policy.recipients import own_notifications
from ..vocab.notifications import EMAIL_MODES, NOTIFICATION_KINDS


def mark_read(user, note: Notification) -> None:
    if note.read_at is None:
        note.read_at = utcnow()
    db.session.flush()


def mark_all_read(user) -> int:
    return db.session.execute(
        update(Notification).where(own_notifications(user), Notification.read_at.is_(None))
        .values(read_at=utcnow()).execution_options(synchronize_session=False)).rowcount


def save_email_modes(user, modes: dict[str, str]) -> None:
    """The user's e-mail choice for each kind (codes checked by the form)."""
    saved = {p.kind: p for p in db.session.query(NotificationPreference).filter_by(user_id=user.id)}
    for kind, mode in modes.items():
        if kind not in NOTIFICATION_KINDS or mode not in EMAIL_MODES:
            continue
        if kind in saved:
            saved[kind].email_mode = mode
        else:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind, email_mode=mode))
    db.session.flush()
