"""The identity area's pages: the request of a transfer from another desk."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..common.formflow import attempt, next_url
from ..extensions import db
from ..models.sites import Site
from . import notice_services
from .blueprint import bp
from .forms import BAD_LOOKUP, AskTransferForm


@bp.route("/people/elsewhere/ask-transfer", methods=["POST"])
@login_required
def ask_transfer():
    """Ask the desk where a matching person is registered to transfer them to mine."""
    policy.require_capability(current_user, "register_person")
    form = AskTransferForm()
    back = next_url(form, url_for("counter.search"))
    lookup = form.lookup() if form.validate() else None
    site = db.session.get(Site, form.site_id.data) if lookup is not None else None
    if site is None:
        flash(str(BAD_LOOKUP), "error")
        return redirect(back)
    if attempt(lambda: notice_services.ask_for_transfer(current_user, site, **lookup)) is None:
        flash(_("Your request was sent to the supervisors of %(desk)s. They will decide whether "
                "to transfer the case to your desk.", desk=site.name), "success")
    return redirect(back)
