"""The steps of a sign-in: password, then (for some roles) a second factor, then the session.

Between the two steps nobody is signed in: the browser's session only remembers which user
passed the password step, when, and where to go next. Nothing else is reachable meanwhile.
"""

from datetime import datetime

from flask import current_app, session
from flask_login import login_user

from ..audit.services import audit
from ..common.clock import utcnow
from ..extensions import db
from ..models.users import User
from .sessions import start_session

PENDING_KEY = "pending_sign_in"


def begin_second_step(user: User, next_url: str) -> None:
    session.clear()
    session[PENDING_KEY] = {"user_id": user.id, "at": utcnow().isoformat(), "next": next_url}


def pending_user() -> User | None:
    """The user who passed the password step recently, or None."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    try:
        started = datetime.fromisoformat(pending["at"])
        user_id = int(pending["user_id"])
    except (KeyError, TypeError, ValueError):
        return None
    if utcnow() - started > current_app.config["TOTP_PENDING_LIFETIME"]:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        return None
    return user


def pending_next(default: str) -> str:
    pending = session.get(PENDING_KEY) or {}
    return pending.get("next") or default


def abandon_pending() -> None:
    session.pop(PENDING_KEY, None)


def complete_sign_in(user: User, **detail) -> None:
    """Start the server-side session and sign the user in; the sign-in is audited."""
    session.clear()
    start_session(user)
    login_user(user, remember=False)
    user.last_login_at = utcnow()
    audit("login", user, user=user, detail=detail or None)
