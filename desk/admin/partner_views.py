"""The organisation of a partner account, chosen on the user's admin page."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.fresh import require_fresh_login
from ..auth.services import AccountError
from ..extensions import db
from ..models.users import User
from . import partner_services
from .blueprint import bp
from .forms import PartnerOrganisationForm


def partner_form(user: User, formdata=None) -> PartnerOrganisationForm | None:
    """The form of the user's page, for a partner account only (None for anyone else)."""
    if not user.has_role("partner"):
        return None
    form = PartnerOrganisationForm(formdata=formdata)
    form.organisation.choices = [("", "—")] + [
        (str(o.id), f"{o.name} ({o.province})" if partner_services.is_active(o)
         else _("%(organisation)s (%(province)s) — no active service", organisation=o.name,
                province=o.province))
        for o in partner_services.organisations(current_user)]
    if formdata is None:
        current = partner_services.organisation_of(user)
        form.organisation.data = str(current.id) if current else ""
    return form


@bp.route("/users/<int:user_id>/organisation", methods=["POST"])
@require_fresh_login
def set_partner_organisation(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    back = redirect(url_for("admin.edit_user", user_id=user.id))
    form = partner_form(user, request.form)
    if form is None:
        flash(str(partner_services.NOT_A_PARTNER), "error")
        return back
    if not form.validate_on_submit():
        for error in [e for errors in form.errors.values() for e in errors]:
            flash(error, "error")
        return back
    choice = form.organisation.data
    try:
        organisation = partner_services.attach_partner(
            current_user, user, int(choice) if choice else None)
    except AccountError as error:
        flash(str(error), "error")
        return back
    flash(_("%(name)s now receives the referrals sent to %(organisation)s.", name=user.name,
            organisation=organisation.name) if organisation else
          _("%(name)s belongs to no organisation now and sees no referral.", name=user.name),
          "success")
    return back
