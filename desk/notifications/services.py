"""Telling users of an event: `notify` writes one in-app notification per recipient and, for
those who want it at once, an e-mail in the outbox, in the caller's transaction (cheap inserts:
the intake stays fast). The event helpers below choose the recipients through the policy.

Other areas (transfers, external referrals) call `notify(kind, recipients, case=...)` with
recipients chosen by `policy.recipients.entitled`."""

import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ..common.clock import utcnow
from ..extensions import db
from ..models.notifications import Notification, NotificationPreference, OutboxMessage
from ..policy.recipients import (
    entitled,
    interpreter_recipient_ids,
    site_role_ids,
    team_member_ids,
)
from ..vocab.notifications import NOTIFICATION_KINDS


def email_modes(user_ids, kind: str) -> dict[int, str]:
    """Each user's e-mail choice for `kind` (the configured default where none is saved)."""
    default = current_app.config["NOTIFY_EMAIL_DEFAULT"]
    saved = dict(db.session.execute(
        select(NotificationPreference.user_id, NotificationPreference.email_mode)
        .where(NotificationPreference.user_id.in_(list(user_ids)),
               NotificationPreference.kind == kind)).all())
    return {uid: saved.get(uid, default) for uid in user_ids}


def _already_told(user_ids, dedupe_key: str) -> set[int]:
    return set(db.session.scalars(select(Notification.user_id).where(
        Notification.dedupe_key == dedupe_key, Notification.user_id.in_(list(user_ids)))))


def notify(kind: str, recipients, *, case=None, referral=None, team=None,
           payload: dict | None = None, dedupe_key: str | None = None) -> list[Notification]:
    """One notification per recipient (users already filtered by the policy); with a
    `dedupe_key`, none for a recipient who already has one with that key."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    ids = list(dict.fromkeys(u.id for u in recipients))
    if dedupe_key and ids:
        told = _already_told(ids, dedupe_key)
        ids = [uid for uid in ids if uid not in told]
    if not ids:
        return []
    modes = email_modes(ids, kind)
    written = []
    for uid in ids:
        mode = modes[uid]
        note = Notification(
            user_id=uid, kind=kind, case_id=case.id if case is not None else None,
            referral_id=referral.id if referral is not None else None,
            team_id=team.id if team is not None else None,
            case_reference=case.reference if case is not None else None,
            payload=payload or {}, dedupe_key=dedupe_key,
            email_state={"immediate": "immediate", "digest": "digest"}.get(mode, "none"))
        if mode == "immediate":
            note.outbox = OutboxMessage(user_id=uid, kind="notification",
                                        idempotency_key=f"n-{uuid.uuid4().hex}")
        written.append(note)
    db.session.add_all(written)
    db.session.flush()
    return written


def _team_payload(team) -> dict:
    return {"team_kind": team.kind, "site": team.site.code}


# --- the events of team work ----------------------------------------------------------------


def referral_made(actor, referral) -> list[Notification]:
    """A new referral: the team's members; an interpreter request: the mediators who speak
    its language."""
    case, team = referral.case, referral.team
    if referral.appointment_id is not None:
        language = referral.interpreter_language
        users = entitled(interpreter_recipient_ids(team, language), case, exclude=actor)
        return notify("interpreter_request", users, case=case, referral=referral, team=team,
                      payload={**_team_payload(team), "language": language})
    users = entitled(team_member_ids(team), case, exclude=actor)
    return notify("referral_to_team", users, case=case, referral=referral, team=team,
                  payload={**_team_payload(team), "priority": referral.priority})


def referral_assigned(actor, referral) -> list[Notification]:
    """The referral is now the assignee's (unless they took it themselves)."""
    if referral.assignee_id is None:
        return []
    users = entitled([referral.assignee_id], referral.case, exclude=actor)
    return notify("referral_assigned", users, case=referral.case, referral=referral,
                  team=referral.team, payload=_team_payload(referral.team))


def referral_declined(actor, referral) -> list[Notification]:
    """Declined back to the desk: the desk operators of the case's site. (A declined
    interpreter request goes back to the booking team's appointment, not to the desk.)"""
    if referral.appointment_id is not None:
        return []
    case = referral.case
    users = entitled(site_role_ids(case.site_id, "desk"), case, exclude=actor)
    return notify("referral_declined", users, case=case, referral=referral, team=referral.team,
                  payload={**_team_payload(referral.team), "reason": referral.decline_reason})


def external_referral_news(actor, referral, what: str) -> list[Notification]:
    """An outside service acknowledged a referral, recorded its outcome or replied (`what`):
    the case manager and whoever sent the referral, if they may see the case."""
    case = referral.case
    users = entitled([case.manager_id, referral.created_by_id], case, exclude=actor)
    return notify("external_referral", users, case=case,
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
