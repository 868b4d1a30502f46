"""Sign-in throttling (Flask-Limiter): failed attempts are counted per address, per account at
one address, and per account; each limit makes the next attempt wait instead of locking the
account, so a stranger's failures never keep the owner out for long."""

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

from ..extensions import limiter


def note_failure() -> None:
    g.sign_in_failed = True


def _failed(_response) -> bool:
    return bool(g.get("sign_in_failed"))


def _account() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _account_and_address() -> str:
    return f"{_account()}|{get_remote_address()}"


def throttled(view):
    """The sign-in view, with its three limits (read from the configuration per request)."""
    for limit, key in ((lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], get_remote_address),
                       (lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS"],
                        _account_and_address),
                       (lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], _account)):
        view = limiter.limit(limit, key_func=key, methods=["POST"], deduct_when=_failed)(view)
    return view
