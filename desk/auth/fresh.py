"""Fresh re-authentication before the most sensitive actions, and the forced password change.

    from desk.auth.fresh import require_fresh_login

    @bp.route("/export", methods=["GET", "POST"])
    @login_required
    @require_fresh_login
    def export(): ...

If the password was not entered in this session within FRESH_LOGIN_WINDOW (10 minutes by
default), the user is sent to /auth/reauthenticate and then back to the same address (for a
POST: to the same path with GET, so the form is shown again and sent once more).
"""

from functools import wraps
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..common.redirects import safe_next
from .sessions import is_fresh


def _return_address() -> str:
    """Where to come back after re-authenticating: this page, or for a POST the page it came from."""
    if request.method == "GET":
        return request.full_path if request.query_string else request.path
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path:
        return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""), "/")
    return url_for("main.home")


def require_fresh_login(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        if not is_fresh(current_user.login_session):
            flash(_("For your safety, enter your password again to continue."), "info")
            return redirect(url_for("auth.reauthenticate", next=_return_address()))
        return view(*args, **kwargs)

    return wrapper


# Pages a user who must change their password can still reach.
ALLOWED_BEFORE_PASSWORD_CHANGE = {
    "auth.change_password", "auth.logout", "auth.change_locale", "static", "main.healthz",
}


def redirect_if_password_change_due():
    """before_app_request: a user whose password was set by someone else changes it first."""
    if (request.endpoint in ALLOWED_BEFORE_PASSWORD_CHANGE or request.endpoint is None
            or request.blueprint == "api"):  # the API answers for itself (desk.api.tokens)
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(url_for("auth.change_password"))
    return None
