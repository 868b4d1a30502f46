from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.auth.services import find_user_by_email, set_active
from desk.common.clock import utcnow
from desk.extensions import db, limiter
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


def test_a_stranger_slows_an_account_but_never_locks_its_owner_out(make, auth, client, app):
    """Wrong passwords from another address make the account wait a minute at most; the
    owner, at her desk, signs in once the minute has passed, and is told of the attempts."""
    make.user(email="op@example.test")
    stranger = app.test_client()
    for _ in range(8):
        stranger.post("/auth/login", data={"email": "op@example.test", "password": "wrong one"},
                      environ_base={"REMOTE_ADDR": "203.0.113.9"})
    refused = stranger.post("/auth/login", data={"email": "op@example.test", "password": "x"},
                            environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert refused.status_code == 429
    assert find_user_by_email("op@example.test").locked_until is None, "slowed, not locked"
    limiter.reset()  # as the minute passing would (the limits count real time)
    response = auth.login("op@example.test", follow=True)
    page = response.get_data(as_text=True)
    assert client.get("/auth/me").status_code == 200
    assert "tentativ" in page or "attempt" in page


def test_an_address_that_keeps_failing_waits(make, client, app):
    for number in range(6):
        make.user(email=f"op{number}@example.test")
    statuses = [client.post("/auth/login", data={"email": f"op{n % 6}@example.test",
                                                 "password": "wrong"}).status_code
                for n in range(40)]
    assert 429 in statuses and statuses[:20].count(429) == 0


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
