"""Erasure by pseudonymisation, on the person's request: fresh password, typed confirmation."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.fresh import require_fresh_login
from .blueprint import bp
from .erasure import ErasureRefused, obstacles, pseudonymise_person
from .forms import EraseForm
from .views import _person_for_request


def obstacle_message(obstacle) -> str:
    if obstacle.code == "open_case":
        return _("Case %(reference)s is open: it must be closed before the record can be "
                 "erased.", reference=obstacle.case.reference)
    if obstacle.code == "legal_hold":
        return _("The record is under a legal hold: lift the hold first if the reason no "
                 "longer applies.")
    return _("This record has already been pseudonymised.")


@bp.route("/people/<int:person_id>/erase", methods=["GET", "POST"])
@login_required
@require_fresh_login
def erase(person_id):
    person = _person_for_request(person_id)
    form = EraseForm(person_id=person.id)
    found = obstacles(current_user, person)
    if not found and form.validate_on_submit():
        try:
            pseudonymise_person(current_user, person, basis=form.basis.data)
        except ErasureRefused:  # a case was opened meanwhile
            found = obstacles(current_user, person)
        else:
            flash(_("The record was pseudonymised: names, contacts, document numbers and "
                    "free text are gone; codes and dates stay for the statistics."), "success")
            return redirect(url_for("counter.person_detail", person_id=person.id))
    refused = bool(found) or bool(form.errors)
    return render_template(
        "privacy/erase.html", person=person, form=form,
        reasons=[obstacle_message(o) for o in found],
    ), 422 if refused and form.is_submitted() else 200
