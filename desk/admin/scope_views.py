"""The observatory scope of a coordinator account, chosen on the user's admin page."""

from flask_babel import gettext as _
from flask_login import current_user

from ..auth.fresh import require_fresh_login
from ..models.users import REGION, User
from . import scope_services
from .blueprint import bp
from .forms import ObservatoryScopeForm
from .user_settings import save_user_setting


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
    def save(user, form):
        scope_services.set_scope(current_user, user, form.scope.data)
        return _("The observatory scope of %(name)s has been saved.", name=user.name)

    return save_user_setting(user_id, scope_form, scope_services.NOT_A_COORDINATOR, save)
