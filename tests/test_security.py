"""Headers, CSRF, session expiry: the protections every response and every session get."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from desk import create_app
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.users import LoginSession

from .factories import DEFAULT_PASSWORD


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path,signed_in", [
    ("/auth/login", False), ("/auth/me", True), ("/admin/users", True), ("/no/such/page", True),
    ("/auth/password", True),
])
def test_every_html_page_has_the_protective_headers(make, auth, client, path, signed_in):
    make.user(email="adm@example.test", roles=("admin",))
    if signed_in:
        auth.login("adm@example.test")
    response = client.get(path)
    assert response.mimetype == "text/html"
    csp = _csp(response)
    assert csp["script-src"] == "script-src 'self'"  # no inline script, no eval
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # only in production
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/app.css")
    assert response.headers.get("Cache-Control") != "no-store"
    response.close()


def test_pages_of_signed_in_users_are_never_stored(make, auth, client):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    assert client.get("/auth/me").headers["Cache-Control"] == "no-store"


def test_production_sends_hsts_and_secure_cookies(app, make):
    make.user(email="op@example.test")
    production = create_app({
        "CONFIG": "production", "SECRET_KEY": "production-test-secret",
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "PASSWORD_HASH_FAST": True, "WTF_CSRF_ENABLED": False,
    })
    client = production.test_client()
    response = client.get("/auth/login")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    login = client.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    assert "Secure" in login.headers["Set-Cookie"]
    with production.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def csrf_client(app):
    """A second app on the same database, with CSRF protection on as in production."""
    protected = create_app({
        "CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": True,
    })
    yield protected.test_client()
    with protected.app_context():
        db.session.remove()
        db.engine.dispose()


def _token(client, path="/auth/login"):
    import re

    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_sign_in_without_csrf_token_is_refused(make, csrf_client):
    make.user(email="op@example.test")
    response = csrf_client.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    assert response.status_code == 400
    assert csrf_client.get("/auth/me").status_code == 302


def test_logout_without_csrf_token_is_refused(make, csrf_client):
    make.user(email="op@example.test")
    response = csrf_client.post("/auth/login", data={
        "email": "op@example.test", "password": DEFAULT_PASSWORD, "csrf_token": _token(csrf_client),
    })
    assert response.status_code == 302
    assert csrf_client.post("/auth/logout").status_code == 400
    assert csrf_client.get("/auth/me").status_code == 200  # still signed in
    token = _token(csrf_client, "/auth/me")
    assert csrf_client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    assert csrf_client.get("/auth/me").status_code == 302


@pytest.mark.parametrize("path,data", [
    ("/auth/password", {"current_password": DEFAULT_PASSWORD, "new_password": "plum kettle orbit 42",
                        "confirm": "plum kettle orbit 42"}),
    ("/auth/locale", {"locale": "en"}),
    ("/auth/reauthenticate", {"password": DEFAULT_PASSWORD}),
])
def test_state_changing_forms_without_csrf_token_are_refused(make, csrf_client, path, data):
    make.user(email="op@example.test")
    csrf_client.post("/auth/login", data={
        "email": "op@example.test", "password": DEFAULT_PASSWORD, "csrf_token": _token(csrf_client),
    })
    assert csrf_client.post(path, data=data).status_code == 400


def test_idle_session_ends_after_the_configured_time(make, auth, client, app):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    row = db.session.scalar(select(LoginSession))
    row.last_seen_at = utcnow() - app.config["SESSION_IDLE_TIMEOUT"] + timedelta(minutes=1)
    db.session.commit()
    assert client.get("/auth/me").status_code == 200  # a minute before the limit: still on
    row = db.session.scalar(select(LoginSession))
    row.last_seen_at = utcnow() - app.config["SESSION_IDLE_TIMEOUT"] - timedelta(seconds=5)
    db.session.commit()
    assert client.get("/auth/me").status_code == 302
    assert db.session.scalar(select(LoginSession.ended_at)) is not None


def test_idle_timeout_default_is_thirty_minutes(app):
    assert app.config["SESSION_IDLE_TIMEOUT"] == timedelta(minutes=30)


def test_session_ends_at_its_absolute_lifetime_even_if_active(make, auth, client, app):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    row = db.session.scalar(select(LoginSession))
    row.created_at = utcnow() - app.config["SESSION_ABSOLUTE_LIFETIME"] - timedelta(seconds=5)
    row.last_seen_at = utcnow()
    db.session.commit()
    response = client.get("/auth/me")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_sign_in_starts_a_new_session_cookie(make, client):
    """Session fixation: whatever the browser carried before, sign-in gives a new session."""
    make.user(email="op@example.test")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session


def test_a_huge_request_is_refused_before_it_is_read(client):
    """An anonymous 5 MB sign-in is answered 413 with the desk's own page, not read whole."""
    response = client.post("/auth/login", data={"email": "x" * (5 * 1024 * 1024), "password": "p"})
    assert response.status_code == 413
    assert 'lang="it"' in response.get_data(as_text=True)

