"""Telling users of an event: `notify` writes one in-app notification per recipient and, for
those who want it at once, an e-mail in the outbox, in the caller's transaction (cheap inserts:
the intake stays fast). The event helpers below choose the recipients through the policy.

Other areas (transfers, external referrals) call `notify(kind, recipients, case=...)` with
recipients chosen by `policy.recipients.entitled`."""

import functools
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import Select, String, bindparam, func, insert, literal, select, update
from sqlalchemy import case as sa_case

from ..common.clock import utcnow
from ..extensions import db
from ..models.notifications import Notification, NotificationPreference, OutboxMessage
from ..policy.recipients import (
    Recipients,
    entitled_query,
    interpreter_recipient_ids,
    site_role_ids,
)
from ..vocab.notifications import NOTIFICATION_KINDS

_SAVED_MODES = (select(NotificationPreference.user_id, NotificationPreference.email_mode)
                .where(NotificationPreference.user_id.in_(bindparam("ids", expanding=True)),
                       NotificationPreference.kind == bindparam("kind")))


def email_modes(user_ids, kind: str) -> dict[int, str]:
    """Each user's e-mail choice for `kind` (the configured default where none is saved)."""
    default = current_app.config["NOTIFY_EMAIL_DEFAULT"]
    saved = dict(db.session.execute(_SAVED_MODES, {"ids": list(user_ids), "kind": kind}).all())
    return {uid: saved.get(uid, default) for uid in user_ids}


class NotificationBatch:
    """Notifications of many events written together: who was told already (by dedupe key)
    and the e-mail choices are read in a few queries, and the rows flushed once. `notify` is a
    batch of one; the scheduled jobs add thousands."""

    CHUNK = 500

    def __init__(self):
        self._events: list[tuple[str, list[int], dict]] = []

    def add(self, kind: str, recipients, **event) -> None:
        """An event for these users (objects with an id)."""
        self.add_ids(kind, [u.id for u in recipients], **event)

    def add_ids(self, kind: str, user_ids, *, case=None, referral=None, team=None,
                payload: dict | None = None, dedupe_key: str | None = None) -> None:
        """An event for the users of these ids."""
        if kind not in NOTIFICATION_KINDS:
            raise ValueError(f"unknown notification kind {kind!r}")
        ids = list(dict.fromkeys(user_ids))
        if ids:
            self._events.append((kind, ids, dict(
                case_id=case.id if case is not None else None,
                referral_id=referral.id if referral is not None else None,
                team_id=team.id if team is not None else None,
                case_reference=case.reference if case is not None else None,
                payload=payload or {}, dedupe_key=dedupe_key)))

    def _already_told(self) -> set[tuple[int, str]]:
        keys = sorted({fields["dedupe_key"] for _kind, _ids, fields in self._events
                       if fields["dedupe_key"]})
        told = set()
        for start in range(0, len(keys), self.CHUNK):
            told.update(db.session.execute(
                select(Notification.user_id, Notification.dedupe_key).where(
                    Notification.dedupe_key.in_(keys[start:start + self.CHUNK]))).all())
        return told

    def _rows(self):
        """(user id, e-mail mode, fields) of each notification to write."""
        told = self._already_told()
        modes: dict[str, dict[int, str]] = {}
        for kind in {kind for kind, _ids, _fields in self._events}:
            ids = sorted({uid for k, ids, _fields in self._events if k == kind for uid in ids})
            modes[kind] = email_modes(ids, kind)
        for kind, ids, fields in self._events:
            for uid in ids:
                if fields["dedupe_key"]:
                    if (uid, fields["dedupe_key"]) in told:
                        continue
                    told.add((uid, fields["dedupe_key"]))
                mode = modes[kind][uid]
                yield uid, mode, dict(fields, kind=kind, email_state={
                    "immediate": "immediate", "digest": "digest"}.get(mode, "none"))
        self._events = []

    def write(self) -> list[Notification]:
        """Flush the rows: one per recipient of each event, none for a recipient already told
        of an event with the same dedupe key; an e-mail in the outbox for who wants it now."""
        written = []
        for uid, mode, fields in self._rows():
            note = Notification(user_id=uid, **fields)
            if mode == "immediate":
                note.outbox = OutboxMessage(user_id=uid, kind="notification",
                                            idempotency_key=f"n-{uuid.uuid4().hex}")
            written.append(note)
        if written:
            db.session.add_all(written)
            db.session.flush()
        return written

    def insert(self) -> int:
        """`write`, for the scheduled jobs' thousands of rows: the notifications that wait for
        no immediate e-mail are inserted in bulk (no objects); returns how many were written."""
        bulk, written = [], []
        for uid, mode, fields in self._rows():
            if mode == "immediate":
                written.append(Notification(user_id=uid, **fields, outbox=OutboxMessage(
                    user_id=uid, kind="notification", idempotency_key=f"n-{uuid.uuid4().hex}")))
            else:
                bulk.append(dict(fields, user_id=uid))
        if written:
            db.session.add_all(written)
            db.session.flush()
        if bulk:  # a Core insert: the ORM's bulk path costs more than the statement here
            db.session.execute(Notification.__table__.insert(), bulk)
        return len(bulk) + len(written)


def notify(kind: str, recipients, *, case=None, referral=None, team=None,
           payload: dict | None = None, dedupe_key: str | None = None) -> list[Notification]:
    """One notification per recipient (users already filtered by the policy); with a
    `dedupe_key`, none for a recipient who already has one with that key."""
    batch = NotificationBatch()
    batch.add(kind, recipients, case=case, referral=referral, team=team, payload=payload,
              dedupe_key=dedupe_key)
    return batch.write()


_EVENT_COLUMNS = ("kind", "case_id", "referral_id", "team_id", "case_reference", "payload",
                  "created_at")


@functools.cache
def _insert_from(recipients: Select):
    """INSERT ... SELECT: a notification for each user that `recipients` selects, with the
    e-mail state of each chosen by the database from the user's saved choice (or the default);
    returns each row's id, user and state. Built once per shape of recipients."""
    table = Notification.__table__
    chosen = recipients.subquery()
    mode = func.coalesce(
        select(NotificationPreference.email_mode)
        .where(NotificationPreference.user_id == chosen.c.id,
               NotificationPreference.kind == bindparam("n_kind", type_=table.c.kind.type))
        .scalar_subquery(),
        bindparam("n_default_mode", type_=String))
    state = sa_case((mode == literal("immediate"), literal("immediate")),
                    (mode == literal("digest"), literal("digest")), else_=literal("none"))
    values = [bindparam(f"n_{name}", type_=table.c[name].type) for name in _EVENT_COLUMNS]
    return (insert(table)
            .from_select(["user_id", *_EVENT_COLUMNS, "email_state"],
                         select(chosen.c.id, *values, state))
            .returning(table.c.id, table.c.user_id, table.c.email_state))


_LINK_OUTBOX = (update(Notification.__table__)
                .where(Notification.__table__.c.id == bindparam("note_id"))
                .values(outbox_id=bindparam("message_id")))


def _tell(kind: str, recipients: Recipients | None, *, case=None, referral=None, team=None,
          payload: dict | None = None) -> int:
    """`notify` for the events of the work itself (an intake, an acceptance...), to the users
    a query of the policy chooses: one INSERT ... SELECT writes every row, however many
    recipients, and no objects are built (nobody reads them in that request); an e-mail in the
    outbox for each who wants it at once (two statements more, only then). Returns how many
    were written."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if recipients is None:
        return 0
    event = {"kind": kind, "case_id": case.id if case is not None else None,
             "referral_id": referral.id if referral is not None else None,
             "team_id": team.id if team is not None else None,
             "case_reference": case.reference if case is not None else None,
             "payload": payload or {}, "created_at": utcnow()}
    rows = db.session.execute(_insert_from(recipients.statement), {
        **recipients.params, **{f"n_{name}": value for name, value in event.items()},
        "n_default_mode": current_app.config["NOTIFY_EMAIL_DEFAULT"]}).all()
    at_once = [(note_id, user_id) for note_id, user_id, state in rows if state == "immediate"]
    if at_once:
        messages = [OutboxMessage(user_id=user_id, kind="notification",
                                  idempotency_key=f"n-{uuid.uuid4().hex}")
                    for _note_id, user_id in at_once]
        db.session.add_all(messages)
        db.session.flush()
        db.session.execute(_LINK_OUTBOX, [{"note_id": note_id, "message_id": message.id}
                                          for (note_id, _user), message in zip(at_once, messages, strict=True)])
    return len(rows)


def _team_payload(team) -> dict:
    return {"team_kind": team.kind, "site": team.site.code}


# --- the events of team work ----------------------------------------------------------------


def referral_made(actor, referral) -> int:
    """A new referral: the team's members; an interpreter request: the mediators who speak
    its language. The referral is in the database (its id is in the timeline's entry), and
    nothing else pending changes who may see the case: the look-ups do not flush the
    request's other writes, which go at its commit in one flush."""
    case, team = referral.case, referral.team
    if referral.id is None:
        db.session.flush()
    with db.session.no_autoflush:
        if referral.appointment_id is not None:
            language = referral.interpreter_language
            users = entitled_query(interpreter_recipient_ids(team, language), case,
                                   exclude=actor)
            return _tell("interpreter_request", users, case=case, referral=referral, team=team,
                         payload={**_team_payload(team), "language": language})
        users = entitled_query((), case, members_of=team, exclude=actor)
        return _tell("referral_to_team", users, case=case, referral=referral, team=team,
                     payload={**_team_payload(team), "priority": referral.priority})


def referral_assigned(actor, referral) -> int:
    """The referral is now the assignee's (unless they took it themselves)."""
    if referral.assignee_id is None:
        return 0
    users = entitled_query([referral.assignee_id], referral.case, exclude=actor)
    return _tell("referral_assigned", users, case=referral.case, referral=referral,
                  team=referral.team, payload=_team_payload(referral.team))


def referral_declined(actor, referral) -> int:
    """Declined back to the desk: the desk operators of the case's site. (A declined
    interpreter request goes back to the booking team's appointment, not to the desk.)"""
    if referral.appointment_id is not None:
        return 0
    case = referral.case
    users = entitled_query(site_role_ids(case.site_id, "desk"), case, exclude=actor)
    return _tell("referral_declined", users, case=case, referral=referral, team=referral.team,
                  payload={**_team_payload(referral.team), "reason": referral.decline_reason})


def external_referral_news(actor, referral, what: str) -> int:
    """An outside service acknowledged a referral, recorded its outcome or replied (`what`):
    the case manager and whoever sent the referral, if they may see the case."""
    case = referral.case
    users = entitled_query([case.manager_id, referral.created_by_id], case, exclude=actor)
    return _tell("external_referral", users, case=case,
                  payload={"what": what, "organisation": referral.organisation.name})


def outbox_backlog() -> dict:
    """For /healthz: e-mails waiting to be sent (and how long the oldest has waited past its
    time), and those that failed, so monitoring sees a stopped worker or mail server."""
    waiting, oldest = db.session.execute(
        select(func.count(OutboxMessage.id), func.min(OutboxMessage.next_attempt_at))
        .where(OutboxMessage.status.in_(("pending", "sending")))).one()
    failed = db.session.scalar(select(func.count(OutboxMessage.id))
                               .where(OutboxMessage.status == "failed"))
    late = max(timedelta(0), utcnow() - oldest) if oldest is not None else timedelta(0)
    return {"waiting": waiting, "failed": failed, "oldest_late_minutes": int(late.total_seconds() // 60)}
