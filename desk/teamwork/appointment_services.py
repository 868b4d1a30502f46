"""Appointments with a team: booking, and whether the person came."""

from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import update

from ..audit.services import audit
from ..common.clock import local_day, today
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.history import record_event
from ..models.plan import Appointment
from ..supervision.tally_services import following
from ..vocab.names import is_language
from .interpreter_services import mediation_team_of, request_interpreter
from .referral_services import close_interpreter_request

OUTCOME_EVENTS = {"attended": "appointment_attended", "no_show": "appointment_missed"}


def book_appointment(actor, case, team, starts_at: datetime, *, duration_minutes: int = 30,
                     place: str | None = None, interpreter_language: str | None = None
                     ) -> Appointment:
    """`starts_at` is naive UTC. With an interpreter language, the site's mediation team is
    asked for an interpreter (cases/interpreting.py) in the same transaction."""
    if case.status == "closed":
        raise ActionRefused(_("The case is closed: reopen it before booking."))
    if team is None or team.site_id != case.site_id:
        raise ActionRefused(_("Choose a team of this desk."))
    if interpreter_language and not is_language(interpreter_language):
        raise ActionRefused(_("Choose the interpreter's language from the list."))
    mediation = mediation_team_of(case) if interpreter_language else None
    referral = next((r for r in case.referrals if r.team_id == team.id and r.is_open), None)
    appointment = Appointment(
        case_id=case.id, team_id=team.id, referral_id=referral.id if referral else None,
        starts_at=starts_at, duration_minutes=duration_minutes,
        place=(place or "").strip() or None, interpreter_language=interpreter_language or None,
        created_by_id=actor.id,
    )
    db.session.add(appointment)
    db.session.flush()
    record_event(case, "appointment_booked", actor, team=team, payload={
        "appointment_id": appointment.id, "team": team.kind,
        "starts_at": starts_at.isoformat(timespec="minutes"),
        "interpreter_language": appointment.interpreter_language,
    })
    audit("create", appointment, user=actor, person_id=case.person_id)
    if mediation is not None:
        request_interpreter(actor, appointment, mediation)
    db.session.flush()
    return appointment


def record_attendance(actor, appointment: Appointment, outcome: str) -> None:
    """Attended or missed, recorded once; a second worker doing the same is told so."""
    if outcome not in OUTCOME_EVENTS:
        raise ActionRefused(_("Choose attended or missed."))
    day = local_day(appointment.starts_at)
    if day > today():
        raise ActionRefused(_("This appointment is on %(date)s: whether the person came can be "
                              "recorded from that day.", date=format_date(day)))
    # Conditional update: of two workers marking at once, exactly one succeeds.
    with following(db.session, "appointment", [appointment.id]) as changed:
        result = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.outcome.is_(None))
            .values(outcome=outcome)
            .execution_options(synchronize_session=False)
        )
        changed[0] = result.rowcount == 1
    if result.rowcount != 1:
        raise ActionRefused(_("The outcome of this appointment was already recorded."))
    db.session.expire(appointment, ["outcome"])
    record_event(appointment.case, OUTCOME_EVENTS[outcome], actor, team=appointment.team,
                 payload={"appointment_id": appointment.id, "team": appointment.team.kind,
                          "starts_at": appointment.starts_at.isoformat(timespec="minutes")})
    audit("update", appointment, user=actor, person_id=appointment.case.person_id,
          detail={"outcome": outcome})
    if appointment.interpreter_request is not None:
        close_interpreter_request(actor, appointment.interpreter_request, outcome)
    db.session.flush()
