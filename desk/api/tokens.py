"""Who calls the API: the user of the personal access token in `Authorization: Bearer`.
No cookie counts here; a read token may only read."""

from flask import g, request
from flask_babel import gettext as _

from ..auth.sessions import load_token_user
from ..auth.token_services import token_by_secret
from ..common.forms import CONTROL_REMOVED
from .blueprint import bp
from .formbridge import refuse

READING = {"GET", "HEAD", "OPTIONS"}


def _secret() -> str | None:
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" and secret.strip() else None


@bp.before_request
def authenticate():
    secret = _secret()
    token = token_by_secret(secret) if secret else None
    scope = token.scope if token is not None else None
    token_id = token.id if token is not None else None
    user = load_token_user(token)
    if user is None:
        refuse(401)
    g._login_user = user  # Flask-Login's current_user, for this request only (no session)
    g.api_token_id = token_id
    if request.method not in READING and scope != "write":
        refuse(403, _("This token may only read. Create a token with the “read and write” "
                      "scope to make changes."))
    if user.must_change_password:
        refuse(403, _("Your password was set by someone else: sign in to the desk and change "
                      "it, then the token works again."))
    if request.method not in READING and request.content_length and not request.is_json:
        refuse(415)
    if request.args and request.controls_removed:  # reading args names the fields
        refuse(400, errors={name: [str(CONTROL_REMOVED)] for name in request.controls_removed})
