from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.auth.services import set_active
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.users import LoginSession


def test_sign_in_lands_on_a_page_for_the_role(make, auth, client):
    make.user(email="op@example.test", roles=("desk",))
    response = auth.login("op@example.test")
    assert response.status_code == 302
    page = client.get("/auth/me")
    assert page.status_code == 200
    assert "op@example.test" in page.get_data(as_text=True)


def test_email_is_case_insensitive(make, auth, client):
    make.user(email="op@example.test")
    auth.login("  OP@Example.TEST ")
    assert client.get("/auth/me").status_code == 200


@pytest.mark.parametrize("email,password", [
    ("op@example.test", "wrong password here"),
    ("nobody@example.test", "correct horse battery"),
])
def test_unknown_user_and_wrong_password_get_the_same_message(make, auth, client, email, password):
    make.user(email="op@example.test")
    response = auth.login(email, password, follow=True)
    body = response.get_data(as_text=True)
    assert "Wrong e-mail or password" in body or "E-mail o password errati" in body
    assert client.get("/auth/me").status_code == 302


def test_pages_need_sign_in(client):
    response = client.get("/auth/me")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_throttling_after_repeated_failures(make, auth, client, app):
    make.user(email="op@example.test")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        auth.login("op@example.test", "wrong password here")
    # Even the right password is refused while the account is paused.
    response = auth.login("op@example.test", follow=True)
    assert "paused" in response.get_data(as_text=True) or "sospeso" in response.get_data(as_text=True)
    assert client.get("/auth/me").status_code == 302


def test_lockout_ends_after_its_time(make, auth, client):
    user = make.user(email="op@example.test")
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    auth.login("op@example.test")
    assert client.get("/auth/me").status_code == 200


def test_inactive_user_cannot_sign_in(make, auth, client):
    make.user(email="gone@example.test", active=False)
    response = auth.login("gone@example.test", follow=True)
    assert "Wrong e-mail or password" in response.get_data(as_text=True) or "errati" in response.get_data(as_text=True)
    assert client.get("/auth/me").status_code == 302


@pytest.mark.parametrize("target", [
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
])
def test_next_never_redirects_off_site(make, client, target):
    make.user(email="op@example.test")
    from .factories import DEFAULT_PASSWORD

    response = client.post(
        "/auth/login",
        data={"email": "op@example.test", "password": DEFAULT_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil" not in location and "javascript" not in location


def test_next_keeps_a_local_path(make, client):
    make.user(email="op@example.test")
    from .factories import DEFAULT_PASSWORD

    response = client.post(
        "/auth/login",
        data={"email": "op@example.test", "password": DEFAULT_PASSWORD, "next": "/auth/me"},
    )
    assert response.headers["Location"].endswith("/auth/me")


def test_logout_is_post_only_and_ends_the_server_session(make, auth, client, app):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    assert client.get("/auth/logout").status_code == 405
    # Keep a copy of the cookie as an attacker would.
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    auth.logout()
    assert client.get("/auth/me").status_code == 302
    other = app.test_client()
    other.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    assert other.get("/auth/me").status_code == 302
    assert db.session.scalar(select(LoginSession.ended_at)) is not None


def test_deactivation_ends_existing_sessions(make, auth, client):
    user = make.user(email="op@example.test")
    auth.login("op@example.test")
    assert client.get("/auth/me").status_code == 200
    set_active(db.session.get(type(user), user.id), False)
    db.session.commit()
    assert client.get("/auth/me").status_code == 302


def test_idle_session_expires(make, auth, client, app):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    row = db.session.scalar(select(LoginSession))
    row.last_seen_at = utcnow() - app.config["SESSION_IDLE_TIMEOUT"] - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/auth/me").status_code == 302


def test_session_cookie_is_httponly_and_samesite(make, auth):
    make.user(email="op@example.test")
    response = auth.login("op@example.test")
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_sign_in_and_failure_are_audited(make, auth):
    make.user(email="op@example.test")
    auth.login("op@example.test", "wrong password here")
    auth.login("op@example.test")
    actions = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions == ["login_failed", "login"]


def test_password_is_stored_as_argon2_hash(make):
    user = make.user(email="op@example.test")
    assert user.password_hash.startswith("$argon2id$")
