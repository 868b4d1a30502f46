"""Server-side login sessions: the cookie names a row, so the server can end it."""

import secrets
from functools import cache

from flask import Flask, current_app, request, session
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from ..common.clock import utcnow
from ..common.transactions import wants_write_lock, write_aside
from ..extensions import db
from ..models.api_tokens import ApiToken
from ..models.users import LoginSession, User, with_access

# Refresh last_seen at most this often, so reading pages does not write on every request.
_TOUCH_EVERY_SECONDS = 60


def start_session(user: User) -> LoginSession:
    login_session = LoginSession(
        token=secrets.token_urlsafe(32),
        user_id=user.id,
        ip_address=request.remote_addr,
        user_agent=(request.user_agent.string or "")[:255],
        fresh_at=utcnow(),
    )
    db.session.add(login_session)
    db.session.flush()
    user.login_session = login_session
    return login_session


def end_session(login_session: LoginSession | None) -> None:
    if login_session is not None and login_session.ended_at is None:
        login_session.ended_at = utcnow()


def end_all_sessions(user: User, keep: LoginSession | None = None) -> None:
    """End every open session of `user` (except `keep`, the one making the request)."""
    condition = [LoginSession.user_id == user.id, LoginSession.ended_at.is_(None)]
    if keep is not None:
        condition.append(LoginSession.id != keep.id)
    db.session.execute(update(LoginSession).where(*condition).values(ended_at=utcnow()))


def _expired(login_session: LoginSession) -> bool:
    now = utcnow()
    idle = current_app.config["SESSION_IDLE_TIMEOUT"]
    lifetime = current_app.config["SESSION_ABSOLUTE_LIFETIME"]
    return now - login_session.last_seen_at > idle or now - login_session.created_at > lifetime


@cache
def _open_session_by_token():
    """The open login session of a token, with its user and what the access rules read: the
    same statement for every request, built once (its loader options cost as much as running
    it)."""
    return (select(LoginSession)
            .where(LoginSession.token == bindparam("token"), LoginSession.ended_at.is_(None))
            .options(joinedload(LoginSession.user).options(*with_access())))


def load_user(token: str) -> User | None:
    if not token:
        return None
    login_session = db.session.execute(
        _open_session_by_token(), {"token": token}).unique().scalar_one_or_none()
    if login_session is None:
        return None
    user = login_session.user
    if not user.active:
        return None
    if _expired(login_session):
        _write_alone(login_session.id, ended_at=utcnow())
        session.pop("_user_id", None)
        return None
    if (utcnow() - login_session.last_seen_at).total_seconds() > _TOUCH_EVERY_SECONDS:
        _write_alone(login_session.id, last_seen_at=utcnow())
    user.login_session = login_session
    return user


def _write_alone(session_id: int, **values) -> None:
    """Update a login session beside the request's work. A change (POST) holds the write lock
    anyway and records it in its own transaction; a page that is only read records it on the
    side, and skips it when another writer holds the lock (the next page tries again): reading
    never waits for a writer."""
    change = update(LoginSession).where(LoginSession.id == session_id).values(**values)
    if wants_write_lock():
        db.session.execute(change)
    else:
        write_aside(lambda session: session.execute(change))


def init_login(app: Flask, login_manager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def is_fresh(login_session: LoginSession | None) -> bool:
    """Was the password entered in this session within FRESH_LOGIN_WINDOW?"""
    if login_session is None or login_session.fresh_at is None:
        return False
    return utcnow() - login_session.fresh_at <= current_app.config["FRESH_LOGIN_WINDOW"]


def mark_fresh(login_session: LoginSession) -> None:
    login_session.fresh_at = utcnow()


def load_token_user(token) -> User | None:
    """The active user of a usable API token (desk.api), its last use noted at most once a
    minute in a short transaction of its own (like a login session's last_seen_at)."""
    if token is None or not token.is_usable(utcnow()):
        return None
    user = db.session.execute(
        select(User).where(User.id == token.user_id).options(*with_access())
    ).unique().scalar_one_or_none()
    if user is None or not user.active:
        return None
    last = token.last_used_at
    if last is None or (utcnow() - last).total_seconds() > _TOUCH_EVERY_SECONDS:
        token_id = token.id
        _write_alone_table(ApiToken, token_id, last_used_at=utcnow())
        user = db.session.execute(
            select(User).where(User.id == token.user_id).options(*with_access())
        ).unique().scalar_one()
    user.login_session = None
    return user


def _write_alone_table(model, row_id: int, **values) -> None:
    db.session.commit()
    db.session.execute(update(model).where(model.id == row_id).values(**values))
    db.session.commit()
