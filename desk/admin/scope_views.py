"""The observatory scope of a coordinator account, chosen on the user's admin page."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.fresh import require_fresh_login
from ..auth.services import AccountError
from ..extensions import db
from ..models.users import REGION, User
from . import scope_services
from .blueprint import bp
from .forms import ObservatoryScopeForm


def scope_form(user: User, formdata=None) -> ObservatoryScopeForm | None:
    """The form of the user's page, for a coordinator only (None for anyone else)."""
    if not user.has_role("coordinator"):
        return None
    form = ObservatoryScopeForm(formdata=formdata)
    form.scope.choices = [("", "—"), (REGION, _("The whole region"))] + [
        (code, f"{name} ({code})") for code, name in scope_services.provinces().items()]
    if formdata is None:
        form.scope.data = user.observatory_scope or ""
    return form


@bp.route("/users/<int:user_id>/observatory-scope", methods=["POST"])
@require_fresh_login
def set_observatory_scope(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    back = redirect(url_for("admin.edit_user", user_id=user.id))
    form = scope_form(user, request.form)
    if form is None:
        flash(str(scope_services.NOT_A_COORDINATOR), "error")
        return back
    if not form.validate_on_submit():
        for error in [e for errors in form.errors.values() for e in errors]:
            flash(error, "error")
        return back
    try:
        scope_services.set_scope(current_user, user, form.scope.data)
    except AccountError as error:
        flash(str(error), "error")
        return back
    flash(_("The observatory scope of %(name)s has been saved.", name=user.name), "success")
    return back
