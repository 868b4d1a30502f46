"""Appointments (booking, attendance, the printed slip), care-plan goals, case conferences."""

from datetime import datetime

from flask import flash, redirect, render_template
from flask_babel import force_locale, to_utc
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ..audit.services import audit
from ..auth.rules import can, require
from ..database import commit_on_success
from ..extensions import db
from ..i18n import LOCALES, is_rtl
from ..teams.models import Team
from . import appointments, bp, careplan
from .casepage import site_teams
from .notes import author_teams
from .plan_forms import AppointmentForm, AttendanceForm, ConferenceForm, GoalForm
from .viewkit import attempt, get_appointment_or_404, get_case_or_404, get_goal_or_404, handle_form
from .views import case_url


def _booking_form(case) -> AppointmentForm:
    teams = site_teams(case)
    mine = author_teams(current_user, case)
    person = case.person
    return AppointmentForm(
        teams=teams, team=mine[0].id if mine else None,
        interpreter_language=person.preferred_language if person.interpreter_needed else "")


def _book(case, form) -> None:
    starts_at = to_utc(datetime.combine(form.day.data, form.time.data))
    appointments.book_appointment(
        current_user, case, db.session.get(Team, form.team.data), starts_at,
        duration_minutes=form.duration.data, place=form.place.data,
        interpreter_language=form.interpreter_language.data)


@bp.route("/cases/<int:case_id>/appointments/new", methods=["GET", "POST"])
@login_required
@commit_on_success
def book_appointment(case_id):
    case = get_case_or_404(case_id)
    require(can(current_user, "book_appointment"))
    form = _booking_form(case)
    return handle_form(form, lambda: _book(case, form), done=_("Appointment booked."),
                       success_url=case_url(case.id) + "#appointments",
                       template="cases/appointment_form.html", case=case)


@bp.route("/appointments/<int:appointment_id>/attendance", methods=["POST"])
@login_required
@commit_on_success
def record_attendance(appointment_id):
    appointment = get_appointment_or_404(appointment_id)
    require(can(current_user, "book_appointment"))
    form = AttendanceForm()
    if not form.validate_on_submit():
        return render_template("error.html", code=400, title=_("Request not understood"),
                               message=_("Choose attended or missed.")), 400
    if attempt(lambda: appointments.record_attendance(current_user, appointment,
                                                      form.outcome.data)) is None:
        flash(_("Attendance recorded."), "success")
    return redirect(case_url(appointment.case_id) + "#appointments")


def slip_locale(person) -> str:
    """The person's language when the interface has it, else Italian."""
    return person.preferred_language if person.preferred_language in LOCALES else "it"


@bp.route("/appointments/<int:appointment_id>/slip")
@login_required
@commit_on_success
def appointment_slip(appointment_id):
    appointment = get_appointment_or_404(appointment_id)
    require(can(current_user, "print_slip"))
    case = appointment.case
    lang = slip_locale(case.person)
    with force_locale(lang):
        slip = render_template("cases/_appointment_slip.html", appointment=appointment,
                               case=case, person=case.person, slip_lang=lang)
    audit("print", appointment, person_id=case.person_id, detail={"language": lang})
    return render_template("cases/appointment_slip.html", slip=Markup(slip), slip_lang=lang,
                           slip_rtl=is_rtl(lang), appointment=appointment, case=case)


@bp.route("/cases/<int:case_id>/goals/new", methods=["GET", "POST"])
@login_required
@commit_on_success
def add_goal(case_id):
    case = get_case_or_404(case_id)
    require(can(current_user, "edit_care_plan"))
    form = GoalForm()
    return handle_form(
        form, lambda: careplan.add_goal(current_user, case, **_goal_data(form)),
        done=_("Goal added to the care plan."), success_url=case_url(case.id) + "#care-plan",
        template="cases/goal_form.html", case=case, goal=None)


@bp.route("/cases/<int:case_id>/goals/<int:goal_id>", methods=["GET", "POST"])
@login_required
@commit_on_success
def edit_goal(case_id, goal_id):
    case = get_case_or_404(case_id)
    require(can(current_user, "edit_care_plan"))
    goal = get_goal_or_404(case, goal_id)
    form = GoalForm(obj=goal, version=goal.version)
    return handle_form(
        form, lambda: careplan.update_goal(current_user, case, goal, form.version.data,
                                           **_goal_data(form)),
        done=_("Care plan updated."), success_url=case_url(case.id) + "#care-plan",
        template="cases/goal_form.html", versioned=goal, case=case, goal=goal)


def _goal_data(form) -> dict:
    return {"dimension": form.dimension.data, "goal": form.goal.data,
            "actions": form.actions.data, "status": form.status.data,
            "review_date": form.review_date.data}


@bp.route("/cases/<int:case_id>/conferences/new", methods=["GET", "POST"])
@login_required
@commit_on_success
def add_conference(case_id):
    case = get_case_or_404(case_id)
    require(can(current_user, "edit_care_plan"))
    teams = site_teams(case)
    form = ConferenceForm(teams=teams)
    return handle_form(
        form, lambda: careplan.hold_conference(
            current_user, case, held_on=form.held_on.data, decisions=form.decisions.data,
            teams=[t for t in teams if t.id in (form.teams.data or [])]),
        done=_("Case conference recorded."), success_url=case_url(case.id) + "#care-plan",
        template="cases/conference_form.html", case=case)
