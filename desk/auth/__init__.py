"""Sign-in, sign-out, language preference."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from . import account_views, twofactor_views, views  # noqa: E402,F401
