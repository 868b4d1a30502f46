"""The outbox's life: due messages, a claim before sending, then sent or a retry with back-off.

At most once: a message is claimed ("sending", committed) before it is handed to the mail
server, and recorded as sent after. A worker that dies in between leaves it "sending"; once
NOTIFY_SENDING_LEASE has passed it is marked failed, never sent again by itself (it may have
left), and an administrator decides whether to retry it. Its idempotency key is its
Message-ID, so a retried copy is recognisable as the same message. These functions flush; the
worker (ops.notify_worker) commits between the steps."""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.notifications import OutboxMessage

INTERRUPTED = "interrupted while sending: not sent again automatically (it may have been delivered)"


def due_message_ids(now, limit: int = 100) -> list[int]:
    return list(db.session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.status == "pending",
                                       OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)))


def expire_interrupted(now) -> int:
    """Messages left "sending" longer than the lease are failed, for an administrator."""
    lease = current_app.config["NOTIFY_SENDING_LEASE"]
    return db.session.execute(
        update(OutboxMessage).where(OutboxMessage.status == "sending",
                                    OutboxMessage.claimed_at < now - lease)
        .values(status="failed", last_error=INTERRUPTED)
        .execution_options(synchronize_session=False)).rowcount


def claim(message_id: int, now) -> bool:
    """pending -> sending, if no other worker took it first."""
    return db.session.execute(
        update(OutboxMessage).where(OutboxMessage.id == message_id,
                                    OutboxMessage.status == "pending")
        .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)).rowcount == 1


def record_sent(message_id: int, now) -> None:
    db.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id)
                       .values(status="sent", sent_at=now, last_error=None)
                       .execution_options(synchronize_session=False))


def retry_delay(attempts: int) -> timedelta:
    """60 s, 2 min, 4 min, ... (NOTIFY_RETRY_SECONDS doubled per attempt, at most a day)."""
    seconds = current_app.config["NOTIFY_RETRY_SECONDS"] * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, 86_400))


def record_failure(message_id: int, error: str, now) -> str:
    """The mail server refused or could not be reached (nothing left): try again later, or,
    after NOTIFY_MAX_ATTEMPTS, fail it for an administrator. Returns the new status."""
    message = db.session.get(OutboxMessage, message_id)
    db.session.refresh(message)
    failed = message.attempts >= current_app.config["NOTIFY_MAX_ATTEMPTS"]
    message.status = "failed" if failed else "pending"
    message.next_attempt_at = now + retry_delay(message.attempts)
    message.last_error = error[:2000]
    db.session.flush()
    return message.status


def retry_message(actor, message: OutboxMessage) -> None:
    """An administrator sends a failed message again (the same key: the same Message-ID)."""
    if message.status != "failed":
        raise ActionRefused(_("Only a failed message can be sent again."))
    message.status = "pending"
    message.attempts = 0
    message.next_attempt_at = utcnow()
    audit("update", message, user=actor, detail={"action": "outbox_retry"})
    db.session.flush()


def failed_messages():
    return (select(OutboxMessage).where(OutboxMessage.status.in_(("failed", "sending")))
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()))
