"""Recording an access and routing the case; the slip the person takes home."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from .. import policy
from ..audit.services import audit
from ..common.print_languages import print_choice, render_copies
from ..common.refusals import ActionRefused
from ..extensions import db
from . import queries, services
from .blueprint import bp
from .helpers import new_form_token
from .intake_forms import IntakeForm, intake_form
from .intake_services import ConsentMissing, access_by_token, open_case_of, record_intake


def _presuggest(form: IntakeForm, person) -> None:
    needs = form.needs.data or []
    routing = form.routing
    form.teams.data = routing.suggest_teams(needs, person.interpreter_needed)
    for kind, _label in form.kinds:
        form.reason_field(kind).data = routing.suggest_reason(kind, needs)


def _render(form, person, status=200):
    return render_template(
        "counter/intake.html", form=form, person=person, shared=services.has_consent(person),
        routing=form.routing,
        may_override=policy.can(current_user, "override_consent"),
        open_case=open_case_of(current_user, person, person.site_id)), status


def _after(access):
    flash(_("Access saved."), "success")
    if access.case_id:
        return redirect(url_for("counter.slip", access_id=access.id))
    return redirect(url_for("counter.person_detail", person_id=access.person_id))


def _consent_message(may_override: bool) -> str:
    if may_override:
        return _("This person has not agreed to share their data with the teams. Record the "
                 "consent on the person's page, or write below why you route anyway.")
    return _("This person has not agreed to share their data with the teams, so the case "
             "cannot be routed. Record the consent on the person's page first; if it cannot "
             "wait, ask a supervisor.")


@bp.route("/people/<int:person_id>/intake", methods=["GET", "POST"])
@login_required
def intake(person_id):
    person = policy.get_person_or_404(current_user, person_id)
    policy.require_capability(current_user, "record_access")
    form = intake_form(person.site)
    if request.method == "GET":
        form.form_token.data = new_form_token()
        form.language_used.data = person.preferred_language
        _presuggest(form, person)
        return _render(form, person)
    done = access_by_token(current_user, form.form_token.data)
    if done is not None:
        return redirect(url_for("counter.slip", access_id=done.id) if done.case_id else
                        url_for("counter.person_detail", person_id=person.id))
    if "suggest" in request.form:
        _presuggest(form, person)
        return _render(form, person)
    if not form.validate_on_submit():
        return _render(form, person, 422)
    return _save(form, person)


def _save(form, person):
    data = form.intake_data()
    if data.routes:
        policy.require_capability(current_user, "route_case")
    may_override = policy.can(current_user, "override_consent")
    try:
        access = record_intake(current_user, person, data, form.form_token.data or None,
                               may_override, routing=form.routing)
    except ConsentMissing:
        db.session.rollback()
        form.teams.errors.append(_consent_message(may_override))
        return _render(form, person, 422)
    except ActionRefused:
        db.session.rollback()
        form.teams.errors.append(_("One of these teams does not exist at this desk."))
        return _render(form, person, 422)
    except IntegrityError:
        db.session.rollback()
        done = access_by_token(current_user, form.form_token.data)
        if done is None:
            raise
        return redirect(url_for("counter.slip", access_id=done.id))
    return _after(access)


@bp.route("/people/access/<int:access_id>/slip")
@login_required
def slip(access_id):
    access = policy.get_access_or_404(current_user, access_id)
    policy.require_capability(current_user, "print_slip")
    choice = print_choice(access.person, access.site)
    referrals = [r for r in (access.case.referrals if access.case else []) if r.is_open]
    copies = render_copies("counter/_slip_body.html", choice.languages, access=access,
                           case=access.case, person=access.person, site=access.site,
                           referrals=referrals,
                           appointments=queries.upcoming_appointments(current_user, access.case))
    audit("view_slip", access, person_id=access.person_id,
          detail={"languages": list(choice.languages)})
    return render_template("counter/slip.html", access=access, choice=choice, copies=copies,
                           autoprint=request.args.get("print") == "1")


@bp.route("/people/access/<int:access_id>/slip/print", methods=["POST"])
@login_required
def print_slip(access_id):
    access = policy.get_access_or_404(current_user, access_id)
    policy.require_capability(current_user, "print_slip")
    choice = print_choice(access.person, access.site)
    audit("print_slip", access, person_id=access.person_id,
          detail={"languages": list(choice.languages)})
    return redirect(url_for("counter.slip", access_id=access.id, print=1, **choice.query))
