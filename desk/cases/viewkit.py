"""What every case view does the same way: load-then-check, and run-a-service-from-a-form."""

from flask import abort, flash, redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from ..auth.rules import can_view_case, can_view_entry
from ..auth.safety import safe_next
from ..extensions import db
from ..people.models import ResidenceDocument
from .errors import ActionRefused, EditConflict
from .history_models import Note
from .models import Case, Referral
from .plan_models import Appointment, CarePlanGoal

CONFLICT_MESSAGE = _l("Someone else changed this record while you were working. The page now "
                      "shows their version; what you typed is still in the form: check it and "
                      "save again.")


def get_case_or_404(case_id: int) -> Case:
    case = db.session.get(Case, case_id)
    if case is None or not can_view_case(current_user, case):
        abort(404)
    return case


def get_referral_or_404(referral_id: int) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    get_case_or_404(referral.case_id)
    return referral


def get_note_or_404(note_id: int) -> Note:
    note = db.session.get(Note, note_id)
    if note is None or not can_view_entry(current_user, note):
        abort(404)
    get_case_or_404(note.case_id)
    return note


def get_appointment_or_404(appointment_id: int) -> Appointment:
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None:
        abort(404)
    get_case_or_404(appointment.case_id)
    return appointment


def get_goal_or_404(case: Case, goal_id: int) -> CarePlanGoal:
    goal = db.session.get(CarePlanGoal, goal_id)
    if goal is None or goal.case_id != case.id:
        abort(404)
    return goal


def get_document_or_404(case: Case, document_id: int) -> ResidenceDocument:
    document = db.session.get(ResidenceDocument, document_id)
    if document is None or document.person_id != case.person_id:
        abort(404)
    return document


def next_url(form, default: str) -> str:
    return safe_next(getattr(form, "next", None) and form.next.data, default)


def prefill_next(form) -> None:
    if hasattr(form, "next") and not form.is_submitted():
        form.next.data = request.args.get("next", "")


def attempt(run, form=None, versioned=None) -> int | None:
    """Run a service; None when it worked, else 422 (refused) or 409 (changed meanwhile).

    On a refusal the transaction is rolled back and the form keeps what was typed; on a
    conflict the form is given the current version so that saving again is a choice.
    """
    try:
        run()
        return None
    except ActionRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return 422
    except (EditConflict, StaleDataError):
        db.session.rollback()
        flash(str(CONFLICT_MESSAGE), "error")
        if versioned is not None and form is not None and hasattr(form, "version"):
            db.session.refresh(versioned)
            form.version.data = versioned.version
        return 409


def handle_form(form, run, *, done: str, success_url, template: str, versioned=None,
                **context):
    """GET shows the form; a valid POST runs the service and redirects (post/redirect/get).

    `success_url` may be a callable, for URLs known only after the service ran.
    """
    prefill_next(form)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            status = attempt(run, form, versioned)
            if status is None:
                flash(done, "success")
                url = success_url() if callable(success_url) else success_url
                return redirect(next_url(form, url))
    return render_template(template, form=form, **context), status
