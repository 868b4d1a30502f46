"""The scheduled jobs' work, each idempotent: run twice in a minute, it writes nothing twice.

- overdue referrals escalate: the assignee when the referral is due, then the whole team, then
  the site's supervisors, after the delays of NOTIFY_ESCALATION_DAYS (days past the due date);
- permits expiring or expired on an open case tell its case manager, once per document and state;
- at NOTIFY_DIGEST_HOUR (desk time, Europe/Rome) the notifications waiting for a digest are
  gathered, one e-mail per user and day.

These run as the system (no signed-in user): the recipients are still chosen through the
policy (policy.recipients.entitled). They flush; the worker commits (ops.notify_worker)."""

from flask import current_app
from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..common.clock import to_local, today, utcnow
from ..extensions import db
from ..models.cases import Case, Referral
from ..models.notifications import Notification, OutboxMessage, ScheduledRun
from ..models.people import Person, ResidenceDocument
from ..models.permits import needs_renewal_condition, renewal
from ..policy.recipients import RecipientBook
from .services import NotificationBatch


def claim_slot(job: str, slot: str) -> bool:
    """True the first time `job` runs for `slot` (a day, an hour); False after, and False
    for the second of two workers that claim it at once (the first one's row, committed
    while the second waited on it, breaks the second's insert: a savepoint takes it back)."""
    if db.session.get(ScheduledRun, (job, slot)) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(ScheduledRun(job=job, slot=slot, ran_at=utcnow()))
    except IntegrityError:
        return False
    return True


# --- overdue referrals ------------------------------------------------------------------------


def escalation_stages(referral, days_late: int) -> list[str]:
    """Who should know by now, for a referral `days_late` days past its due date."""
    delays = current_app.config["NOTIFY_ESCALATION_DAYS"]
    stages = ["assignee"] if referral.assignee_id else ["team"]
    if days_late >= delays["team"]:
        stages.append("team")
    if days_late >= delays["supervisor"]:
        stages.append("supervisor")
    return list(dict.fromkeys(stages))


def _stage_recipients(book: RecipientBook, referral, stage: str):
    """The stage's people; the team stage leaves out the assignee, told already."""
    case = referral.case
    if stage == "assignee":
        ids = [referral.assignee_id]
    elif stage == "team":
        ids = [uid for uid in book.team_member_ids(referral.team) if uid != referral.assignee_id]
    else:
        ids = book.site_role_ids(case.site_id, "supervisor")
    return book.entitled(ids, case)


def detect_overdue() -> int:
    """Notifications written for the open referrals past their due date (in one batch: the
    recipients and who was told already are read once for all of them)."""
    day = today()
    referrals = list(db.session.scalars(
        select(Referral).where(Referral.status.in_(("pending", "accepted")),
                               Referral.due_date < day)
        .options(selectinload(Referral.case).selectinload(Case.site),
                 selectinload(Referral.team)).order_by(Referral.id)))
    book, batch = RecipientBook(), NotificationBatch()
    book.read_referrals_of(referral.case_id for referral in referrals)
    for referral in referrals:
        days_late = (day - referral.due_date).days
        for stage in escalation_stages(referral, days_late):
            batch.add(
                "referral_overdue", _stage_recipients(book, referral, stage), case=referral.case,
                referral=referral, team=referral.team,
                payload={"team_kind": referral.team.kind, "site": referral.case.site.code,
                         "stage": stage, "due_date": referral.due_date.isoformat()},
                dedupe_key=f"overdue:{referral.id}:{referral.due_date.isoformat()}:{stage}")
    return batch.insert()


# --- permits ---------------------------------------------------------------------------------


def permit_alerts() -> int:
    """Notifications written to case managers for the documents that need renewing."""
    day = today()
    rows = db.session.execute(
        select(ResidenceDocument, Case)
        .join(Case, Case.person_id == ResidenceDocument.person_id)
        .where(Case.status != "closed", Case.manager_id.is_not(None),
               needs_renewal_condition(day))
        .options(selectinload(Case.site),
                 selectinload(ResidenceDocument.person).selectinload(Person.documents))
        .order_by(ResidenceDocument.id)).all()
    book, batch = RecipientBook(), NotificationBatch()
    book.read_referrals_of(case.id for _doc, case in rows)
    for doc, case in rows:
        state = renewal(doc, doc.person.documents, day)
        if state is None:
            continue
        batch.add(
            f"permit_{state.state}", book.entitled([case.manager_id], case), case=case,
            payload={"doc_type": doc.doc_type, "expiry_date": doc.expiry_date.isoformat()},
            dedupe_key=f"permit:{doc.id}:{doc.expiry_date.isoformat()}:{state.state}")
    return batch.insert()


# --- digests ---------------------------------------------------------------------------------


def digest_due(now=None) -> bool:
    return to_local(now or utcnow()).hour >= current_app.config["NOTIFY_DIGEST_HOUR"]


_KEYS_PER_READ = 500  # digest keys per IN (...) look-up


def build_digests() -> int:
    """One digest e-mail per user with notifications waiting for one (key: user and desk day);
    those notifications are then part of it. Returns the digests written.

    In bulk, a few statements for any number of users: the digests are inserted together, then
    each user's waiting notifications (up to the newest one read here: a later one waits for
    the next digest) are attached by one executemany."""
    day = today().isoformat()
    waiting = db.session.execute(
        select(Notification.user_id, func.max(Notification.id))
        .where(Notification.email_state == "digest").group_by(Notification.user_id)).all()
    keys = {uid: f"digest-{uid}-{day}" for uid, _last in waiting}
    taken = set()
    every_key = sorted(keys.values())
    for start in range(0, len(every_key), _KEYS_PER_READ):
        taken.update(db.session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.idempotency_key.in_(every_key[start:start + _KEYS_PER_READ]))))
    # A user whose digest of today has left already: these wait for tomorrow's.
    fresh = [(uid, last) for uid, last in waiting if keys[uid] not in taken]
    if not fresh:
        return 0
    db.session.execute(insert(OutboxMessage), [
        dict(user_id=uid, kind="digest", idempotency_key=keys[uid]) for uid, _last in fresh])
    outbox_ids = {}
    new_keys = [keys[uid] for uid, _last in fresh]
    for start in range(0, len(new_keys), _KEYS_PER_READ):
        outbox_ids.update(db.session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.id)
            .where(OutboxMessage.idempotency_key.in_(new_keys[start:start + _KEYS_PER_READ]))).all())
    table = Notification.__table__
    db.session.execute(
        table.update().where(table.c.user_id == bindparam("b_user"),
                             table.c.email_state == "digest", table.c.id <= bindparam("b_last"))
        .values(email_state="digested", outbox_id=bindparam("b_outbox")),
        [dict(b_user=uid, b_last=last, b_outbox=outbox_ids[keys[uid]]) for uid, last in fresh])
    return len(fresh)
