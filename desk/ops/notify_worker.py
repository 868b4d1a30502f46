"""The notification worker's two jobs, outside any request (it commits between steps):
deliver the due e-mails of the outbox, and run the scheduled jobs. Called by the task queue
(worker.py, Huey) every minute, or by `flask desk notify-run`."""

from flask import current_app

from ..common.clock import to_local, utcnow
from ..extensions import db
from ..models.notifications import OutboxMessage
from ..notifications import delivery_services as outbox
from ..notifications import job_services as jobs
from ..notifications.mail import SEND_ERRORS, compose, smtp_send
from ..privacy.retention import apply_retention


def deliver_due(send=None) -> dict:
    """Send what is due; returns counts of sent, retried and failed."""
    send = send or smtp_send
    counts = {"sent": 0, "retry": 0, "failed": 0, "interrupted": 0}
    counts["interrupted"] = outbox.expire_interrupted(utcnow())
    db.session.commit()
    for message_id in outbox.due_message_ids(utcnow()):
        if not outbox.claim(message_id, utcnow()):
            db.session.rollback()
            continue
        db.session.commit()
        try:
            email = compose(db.session.get(OutboxMessage, message_id))
            send(email)
        except SEND_ERRORS as error:
            db.session.rollback()
            status = outbox.record_failure(message_id, f"{type(error).__name__}: {error}", utcnow())
            db.session.commit()
            counts["failed" if status == "failed" else "retry"] += 1
            current_app.logger.warning("notification e-mail %s not sent: %s", message_id, error)
            continue
        outbox.record_sent(message_id, utcnow())
        db.session.commit()
        counts["sent"] += 1
    return counts


def run_scheduled(now=None) -> dict:
    """Overdue referrals and permits (once per desk hour), then the digests (once per desk
    day, from NOTIFY_DIGEST_HOUR): in that order, so this morning's escalations are in this
    morning's digest;
    then the retention job (privacy.retention), once a day. Each job claims its slot first:
    run twice, it does its work once."""
    local = to_local(now or utcnow())
    hour, day = local.strftime("%Y-%m-%dT%H"), local.date().isoformat()
    done = {}
    if jobs.claim_slot("overdue", hour):
        done["overdue"] = jobs.detect_overdue()
    db.session.commit()
    if jobs.claim_slot("permits", hour):
        done["permits"] = jobs.permit_alerts()
    db.session.commit()
    if jobs.digest_due(now) and jobs.claim_slot("digest", day):
        done["digests"] = jobs.build_digests()
    db.session.commit()
    if current_app.config["NOTIFY_RUN_RETENTION"] and jobs.claim_slot("retention", day):
        done["retention"] = len(apply_retention()[0])
    db.session.commit()
    return done
