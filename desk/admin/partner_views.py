"""The organisation of a partner account, chosen on the user's admin page."""

from flask_babel import gettext as _
from flask_login import current_user

from ..auth.fresh import require_fresh_login
from ..models.users import User
from . import partner_services
from .blueprint import bp
from .forms import PartnerOrganisationForm
from .user_settings import save_user_setting


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
    def save(user, form):
        choice = form.organisation.data
        organisation = partner_services.attach_partner(
            current_user, user, int(choice) if choice else None)
        if organisation is None:
            return _("%(name)s belongs to no organisation now and sees no referral.",
                     name=user.name)
        return _("%(name)s now receives the referrals sent to %(organisation)s.",
                 name=user.name, organisation=organisation.name)

    return save_user_setting(user_id, partner_form, partner_services.NOT_A_PARTNER, save)
