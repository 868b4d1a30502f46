"""Notifications in the app, the e-mail outbox written in the same transaction, and each
user's e-mail choice per kind of notification."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.notifications import (
    EMAIL_MODES,
    EMAIL_STATES,
    NOTIFICATION_KINDS,
    OUTBOX_KINDS,
    OUTBOX_STATUSES,
)
from .types import check_in
from .users import User


class Notification(db.Model):
    """One thing one user should know of. Codes and ids only; the page and the e-mail say it
    in the reader's language. No personal data of the person served is kept here."""

    __tablename__ = "notification"
    __table_args__ = (
        check_in("kind", NOTIFICATION_KINDS),
        check_in("email_state", EMAIL_STATES),
        # A scheduled job that runs twice writes nothing twice.
        UniqueConstraint("user_id", "dedupe_key", name="uq_notification_user_dedupe"),
        # Who was told already, looked up by key: an hourly scan asks for thousands of keys,
        # and by user first it read every notification of every recipient for each chunk.
        Index("ix_notification_dedupe", "dedupe_key", "user_id"),
        # The bell and the list: a user's unread ones, newest first.
        Index("ix_notification_user_read", "user_id", "read_at", "created_at"),
        Index("ix_notification_digest", "email_state", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"),
                                                index=True)
    referral_id: Mapped[int | None] = mapped_column(
        ForeignKey("referral.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    # The case number as the desk writes it (TO-000123), kept so a message never loads the case.
    case_reference: Mapped[str | None] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    email_state: Mapped[str] = mapped_column(String(16), default="none")
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), index=True)

    user: Mapped[User] = relationship()
    outbox: Mapped["OutboxMessage | None"] = relationship()


class OutboxMessage(db.Model):
    """An e-mail to send: written with its notification (or by the digest job), sent by the
    worker at most once. The idempotency key names it: the same key is never written twice,
    and it is the message's Message-ID."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        check_in("status", OUTBOX_STATUSES),
        check_in("kind", OUTBOX_KINDS),
        UniqueConstraint("idempotency_key", name="uq_outbox_idempotency_key"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class NotificationPreference(db.Model):
    """How a user hears of one kind by e-mail; without a row, the configured default."""

    __tablename__ = "notification_preference"
    __table_args__ = (check_in("kind", NOTIFICATION_KINDS), check_in("email_mode", EMAIL_MODES))

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                         primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    email_mode: Mapped[str] = mapped_column(String(16))


class ScheduledRun(db.Model):
    """A scheduled job's run for one slot (a day, an hour): the slot is claimed once, so a job
    started twice does its work once."""

    __tablename__ = "scheduled_run"

    job: Mapped[str] = mapped_column(String(32), primary_key=True)
    slot: Mapped[str] = mapped_column(String(32), primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(default=utcnow)
