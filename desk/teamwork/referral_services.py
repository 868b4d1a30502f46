"""Working a referral: accept (assign), decline back to the desk, complete, reassign."""

from flask_babel import gettext as _
from sqlalchemy import update

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.refusals import ActionRefused, check_version
from ..extensions import db
from ..models.cases import Case
from ..models.history import record_event
from ..models.staff import team_members
from ..notifications import services as notifications
from ..supervision.tally_services import following
from ..vocab.codes import DECLINE_REASONS, TEAM_REFERRAL_OUTCOMES
from ..vocab.names import language_name


def assignable_members(referral) -> list:
    """Who may take the referral: the team's members; for an interpreter request, those of
    them who speak the language."""
    return team_members(referral.team, speaking=referral.interpreter_language)


def _check_assignee(referral, assignee) -> None:
    if assignee is None or assignee.id not in {u.id for u in team_members(referral.team)}:
        raise ActionRefused(_("Choose a member of the %(team)s team.", team=referral.team.label))
    language = referral.interpreter_language
    if language and language not in assignee.languages:
        raise ActionRefused(_("%(name)s does not speak %(language)s: choose a mediator who "
                              "does.", name=assignee.name, language=language_name(language)))


def _log(actor, referral, kind: str, **payload) -> None:
    payload = {"referral_id": referral.id, "team": referral.team.kind, **payload}
    if referral.is_interpreter_request:
        payload.update(appointment_id=referral.appointment_id,
                       interpreter_language=referral.interpreter_language)
    record_event(referral.case, kind, actor, team=referral.team, payload=payload)
    audit("update", referral, user=actor, person_id=referral.case.person_id,
          detail={"action": kind})


def accept_referral(actor, referral, assignee, version) -> None:
    check_version(referral, version)
    if referral.status != "pending":
        raise ActionRefused(_("This referral is no longer waiting to be accepted."))
    _check_assignee(referral, assignee)
    referral.status = "accepted"
    referral.accepted_at = utcnow()
    referral.assignee_id = assignee.id
    _start_work_on(referral.case, actor, referral.team)
    _log(actor, referral, "referral_accepted", assignee_id=assignee.id)
    db.session.flush()
    notifications.referral_assigned(actor, referral)


def _start_work_on(case, actor, team) -> None:
    """open -> in_progress when a first referral is accepted.

    A conditional UPDATE, not a versioned edit of the case: two teams accepting referrals of
    the same case at the same moment must not make one of them fail with an edit conflict.
    Only the first one moves the status (and writes the event).
    """
    with following(db.session, "case", [case.id]) as changed:
        moved = db.session.execute(
            update(Case).where(Case.id == case.id, Case.status == "open")
            .values(status="in_progress").execution_options(synchronize_session=False)
        ).rowcount
        changed[0] = bool(moved)
    db.session.expire(case, ["status"])
    if moved:
        record_event(case, "status_changed", actor, team=team,
                     payload={"from": "open", "to": "in_progress"})


def decline_referral(actor, referral, reason: str, text: str | None, version) -> None:
    check_version(referral, version)
    if not referral.is_open:
        raise ActionRefused(_("Only a pending or accepted referral can be declined."))
    if reason not in DECLINE_REASONS:
        raise ActionRefused(_("Choose a reason from the list."))
    if reason == "other" and not (text or "").strip():
        raise ActionRefused(_("Explain the reason in a few words."))
    referral.status = "declined"
    referral.declined_at = utcnow()
    referral.decline_reason = reason
    referral.decline_text = (text or "").strip() or None
    referral.rerouted_at = None
    _log(actor, referral, "referral_declined", reason=reason)
    db.session.flush()
    notifications.referral_declined(actor, referral)


def complete_referral(actor, referral, outcome: str, version) -> None:
    check_version(referral, version)
    if referral.status != "accepted":
        raise ActionRefused(_("Accept the referral before completing it."))
    if outcome not in TEAM_REFERRAL_OUTCOMES:
        raise ActionRefused(_("Choose an outcome from the list."))
    referral.status = "completed"
    referral.completed_at = utcnow()
    referral.outcome = outcome
    _log(actor, referral, "referral_completed", outcome=outcome)
    db.session.flush()


def close_interpreter_request(actor, referral, appointment_outcome: str) -> None:
    """The appointment's outcome is recorded: its interpreter request, if still open, is
    completed. Confirmed (accepted), its outcome follows the appointment's; never confirmed,
    it is completed without an outcome (and stays unconfirmed in the figures)."""
    if not referral.is_open:
        return
    outcome = None
    if referral.status == "accepted":
        outcome = "resolved" if appointment_outcome == "attended" else "not_reachable"
    referral.status = "completed"
    referral.completed_at = utcnow()
    referral.outcome = outcome
    _log(actor, referral, "referral_completed", outcome=outcome)
    db.session.flush()


def reassign_referral(actor, referral, assignee, version) -> None:
    check_version(referral, version)
    if referral.status != "accepted":
        raise ActionRefused(_("Only an accepted referral can be reassigned."))
    _check_assignee(referral, assignee)
    previous = referral.assignee_id
    if previous == assignee.id:
        raise ActionRefused(_("The referral is already assigned to this person."))
    referral.assignee_id = assignee.id
    _log(actor, referral, "referral_reassigned", assignee_id=assignee.id,
         previous_assignee_id=previous)
    db.session.flush()
    notifications.referral_assigned(actor, referral)
