"""Appointments: booking from the case page, whether the person came, the printed slip.
"""

from datetime import datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import to_utc
from flask_login import current_user, login_required

from ..audit.services import audit
from ..common.formflow import attempt, handle_form
from ..common.print_languages import print_choice, render_copies
from ..extensions import db
from ..models import receipts
from ..models.sites import Team
from ..models.staff import author_teams, site_teams
from ..policy import can, get_appointment_or_404, get_case_or_404, require
from . import appointment_services as appointments
from .appointment_forms import AppointmentForm, AttendanceForm
from .blueprint import bp


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
def book_appointment(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "book_appointment"))
    form = _booking_form(case)
    return handle_form(form, lambda: _book(case, form), done=_("Appointment booked."),
                       success_url=url_for("cases.case_detail", case_id=case.id, _anchor="appointments"),
                       template="teamwork/appointment_form.html", once=receipts, case=case)


@bp.route("/appointments/<int:appointment_id>/attendance", methods=["POST"])
@login_required
def record_attendance(appointment_id):
    appointment = get_appointment_or_404(current_user, appointment_id)
    require(can(current_user, "book_appointment"))
    form = AttendanceForm()
    if not form.validate_on_submit():
        return render_template("error.html", code=400, title=_("Request not understood"),
                               message=_("Choose attended or missed.")), 400
    if attempt(lambda: appointments.record_attendance(current_user, appointment,
                                                      form.outcome.data)) is None:
        flash(_("Attendance recorded."), "success")
    return redirect(url_for("cases.case_detail", case_id=appointment.case_id, _anchor="appointments"))


@bp.route("/appointments/<int:appointment_id>/slip")
@login_required
def appointment_slip(appointment_id):
    appointment = get_appointment_or_404(current_user, appointment_id)
    require(can(current_user, "print_slip"))
    case = appointment.case
    choice = print_choice(case.person, case.site)
    copies = render_copies("teamwork/_appointment_slip.html", choice.languages,
                           appointment=appointment, case=case, person=case.person, site=case.site)
    audit("print", appointment, person_id=case.person_id,
          detail={"languages": list(choice.languages)})
    return render_template("teamwork/appointment_slip.html", choice=choice, copies=copies,
                           appointment=appointment, case=case)
