"""Interpreter requests: an appointment booked with an interpreter asks the site's mediation
team for a mediator who speaks the language.

The request is a referral to the mediation team (reason "interpreting") linked to the
appointment, so it is worked in the mediation queue with the usual accept (a mediator who
speaks the language) and decline, and the mediation team sees the case through the usual
rule (cases referred to one's team). Its due date is the appointment's day."""

from datetime import date

from flask import current_app
from flask_babel import gettext as _

from ..audit.services import audit
from ..common.clock import local_day, today, utcnow
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.cases import Referral
from ..models.history import record_event
from ..models.plan import Appointment
from ..models.sites import Team
from ..models.staff import find_team
from ..notifications import services as notifications


def mediation_team_of(case) -> Team:
    """The team asked for interpreters at the case's site; refused if the site has none."""
    team = find_team(case.site, "mediation")
    if team is None:
        raise ActionRefused(_("This desk has no mediation team to send an interpreter request "
                              "to: book the appointment without an interpreter, or ask an "
                              "administrator to add the team."))
    return team


def priority_for(day: date) -> str:
    """Urgent when the appointment is within the urgent service level, low when it is further
    away than the normal one."""
    due_days = current_app.config["REFERRAL_DUE_DAYS"]
    ahead = (day - today()).days
    if ahead <= due_days["urgent"]:
        return "urgent"
    return "normal" if ahead <= due_days["normal"] else "low"


def request_interpreter(actor, appointment: Appointment, mediation: Team) -> Referral:
    """The request for `appointment` (flushed), with its "referral made" event."""
    case = appointment.case
    day = local_day(appointment.starts_at)
    referral = Referral(
        case_id=case.id, team_id=mediation.id, reason="interpreting",
        priority=priority_for(day), due_date=day, status="pending", created_by_id=actor.id,
        created_at=utcnow(), appointment_id=appointment.id,
    )
    db.session.add(referral)
    db.session.flush()
    record_event(case, "referral_made", actor, team=mediation, payload={
        "referral_id": referral.id, "team_kind": mediation.kind, "reason": referral.reason,
        "priority": referral.priority, "appointment_id": appointment.id,
        "interpreter_language": appointment.interpreter_language,
        "starts_at": appointment.starts_at.isoformat(timespec="minutes"),
    })
    audit("create", referral, user=actor, person_id=case.person_id)
    notifications.referral_made(actor, referral)
    return referral
