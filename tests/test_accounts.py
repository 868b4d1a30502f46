"""Accounts: password policy, own password change, forced change, two-step sign-in, fresh login."""

import re
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from desk.auth.password_policy import password_problem
from desk.auth.services import AccountError, find_user_by_email
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.users import LoginSession, User

from .factories import DEFAULT_PASSWORD

NEW_PASSWORD = "plum kettle orbit 42"


def actions():
    return db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()


# --- password policy -------------------------------------------------------------------

@pytest.mark.parametrize("password", [
    "short pass",  # 10 characters
    "password1234",  # long enough but on the list of common passwords
    "qwertyuiop12",
    "PASSWORD1234",  # the list is compared without case
    "aaaaaaaaaaaaaaaa",
])
def test_weak_passwords_are_refused(app, password):
    with app.test_request_context():
        assert password_problem(password) is not None


def test_password_containing_the_email_name_is_refused(app):
    with app.test_request_context():
        assert password_problem("mariarossi-2026!", email="mariarossi@example.test")


def test_a_long_uncommon_password_is_accepted(app):
    with app.test_request_context():
        assert password_problem(NEW_PASSWORD) is None


def test_accounts_cannot_be_created_with_a_common_password(make):
    with pytest.raises(AccountError):
        make.user(email="weak@example.test", password="password1234")


# --- own password change ---------------------------------------------------------------

def test_user_changes_own_password_and_other_sessions_end(make, auth, client, app):
    make.user(email="op@example.test")
    other = app.test_client()
    other.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    assert other.get("/auth/me").status_code == 200
    auth.login("op@example.test")
    response = client.post("/auth/password", data={
        "current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
    })
    assert response.status_code == 302
    assert client.get("/auth/me").status_code == 200  # this session goes on
    assert other.get("/auth/me").status_code == 302  # the other one has ended
    auth.logout()
    assert auth.login("op@example.test", NEW_PASSWORD).status_code == 302
    assert "password_changed" in actions()


@pytest.mark.parametrize("data,field_error", [
    ({"current_password": "not my password", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
     "current password is not right"),
    ({"current_password": DEFAULT_PASSWORD, "new_password": "password1234", "confirm": "password1234"},
     "most commonly used"),
    ({"current_password": DEFAULT_PASSWORD, "new_password": "too short", "confirm": "too short"},
     "at least 12"),
    ({"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"},
     "two passwords differ"),
])
def test_refused_password_change_says_why_and_changes_nothing(make, auth, client, data, field_error):
    user = make.user(email="op@example.test", locale="en")
    old_hash = user.password_hash
    auth.login("op@example.test")
    response = client.post("/auth/password", data=data)
    assert response.status_code == 422
    assert field_error in response.get_data(as_text=True)
    assert db.session.get(User, user.id).password_hash == old_hash


def test_must_change_password_comes_before_anything_else(make, auth, client):
    user = make.user(email="op@example.test", locale="en")
    user.must_change_password = True
    db.session.commit()
    auth.login("op@example.test")
    for path in ("/", "/auth/me", "/admin/users"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/auth/password")
    assert client.get("/auth/password").status_code == 200
    client.post("/auth/password", data={
        "current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
    })
    assert db.session.get(User, user.id).must_change_password is False
    assert client.get("/auth/me").status_code == 200


# --- two-step sign-in ------------------------------------------------------------------

def _secret(email):
    return find_user_by_email(email).totp_secret


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_two_step_sign_in_is_required_and_nothing_is_reachable_before_it(make, client, role):
    make.user(email="boss@example.test", roles=(role,), locale="en")
    response = client.post("/auth/login", data={"email": "boss@example.test", "password": DEFAULT_PASSWORD})
    assert response.headers["Location"].endswith("/auth/two-factor")
    for path in ("/", "/auth/me", "/admin/users", "/admin/audit", "/supervision/"):
        page = client.get(path)
        assert page.status_code == 302 and "/auth/login" in page.headers["Location"], path
    assert "login" not in actions()


def test_enrolment_shows_a_qr_code_then_recovery_codes(make, client):
    make.user(email="sup@example.test", roles=("supervisor",), locale="en")
    client.post("/auth/login", data={"email": "sup@example.test", "password": DEFAULT_PASSWORD})
    setup = client.get("/auth/two-factor", follow_redirects=True)
    page = setup.get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    secret = _secret("sup@example.test")
    assert secret[:4] in page
    wrong = client.post("/auth/two-factor/setup", data={"code": "000000"})
    assert 'class="error" id="code-error"' in wrong.get_data(as_text=True)
    done = client.post("/auth/two-factor/setup", data={"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>",
                       done.get_data(as_text=True))
    assert len(codes) == 10
    assert client.get("/auth/me").status_code == 200
    user = find_user_by_email("sup@example.test")
    assert user.totp_enabled_at is not None
    assert all(code.replace("-", "") not in row.code_hash for code in codes for row in user.recovery_codes)
    assert actions()[-2:] == ["two_factor_enrolled", "login"]


def _enrol(client, email):
    client.post("/auth/login", data={"email": email, "password": DEFAULT_PASSWORD})
    client.get("/auth/two-factor/setup")
    done = client.post("/auth/two-factor/setup", data={"code": pyotp.TOTP(_secret(email)).now()})
    client.post("/auth/logout")
    return re.findall(r"<code>([a-z0-9-]{19})</code>", done.get_data(as_text=True))


def test_totp_code_signs_in_once_and_cannot_be_replayed(make, client):
    make.user(email="sup@example.test", roles=("supervisor",), locale="en")
    _enrol(client, "sup@example.test")
    user = find_user_by_email("sup@example.test")
    user.totp_last_step = None
    db.session.commit()
    code = pyotp.TOTP(user.totp_secret).now()
    client.post("/auth/login", data={"email": "sup@example.test", "password": DEFAULT_PASSWORD})
    assert client.post("/auth/two-factor", data={"code": code}).status_code == 302
    assert client.get("/auth/me").status_code == 200
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": "sup@example.test", "password": DEFAULT_PASSWORD})
    replay = client.post("/auth/two-factor", data={"code": code})
    assert replay.status_code == 200 and 'id="code-error"' in replay.get_data(as_text=True)
    assert client.get("/auth/me").status_code == 302


def test_recovery_code_works_once(make, client):
    make.user(email="adm@example.test", roles=("admin",), locale="en")
    codes = _enrol(client, "adm@example.test")
    client.post("/auth/login", data={"email": "adm@example.test", "password": DEFAULT_PASSWORD})
    response = client.post("/auth/two-factor", data={"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/auth/me").status_code == 200
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": "adm@example.test", "password": DEFAULT_PASSWORD})
    again = client.post("/auth/two-factor", data={"code": codes[0]})
    assert 'id="code-error"' in again.get_data(as_text=True)
    assert client.get("/auth/me").status_code == 302
    login = db.session.scalars(select(AuditLog).where(AuditLog.action == "login")).all()[-1]
    assert login.detail == {"second_factor": "recovery_code"}


def test_wrong_codes_pause_the_account(make, client, app):
    make.user(email="sup@example.test", roles=("supervisor",), locale="en")
    _enrol(client, "sup@example.test")
    client.post("/auth/login", data={"email": "sup@example.test", "password": DEFAULT_PASSWORD})
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        response = client.post("/auth/two-factor", data={"code": "123456"})
    assert response.status_code == 302
    assert find_user_by_email("sup@example.test").locked_until > utcnow()
    # Now even the right password is refused for a while: no way to the code step.
    paused = client.post("/auth/login", data={"email": "sup@example.test", "password": DEFAULT_PASSWORD},
                         headers={"Accept-Language": "en"})
    assert paused.status_code == 200 and "paused" in paused.get_data(as_text=True)
    assert actions().count("login_failed") >= app.config["LOGIN_MAX_FAILURES"]


def test_a_password_step_left_too_long_must_start_again(make, client, app):
    make.user(email="sup@example.test", roles=("supervisor",))
    client.post("/auth/login", data={"email": "sup@example.test", "password": DEFAULT_PASSWORD})
    with client.session_transaction() as session:
        started = utcnow() - app.config["TOTP_PENDING_LIFETIME"] - timedelta(seconds=1)
        session["pending_sign_in"] = {**session["pending_sign_in"], "at": started.isoformat()}
    response = client.get("/auth/two-factor")
    assert response.headers["Location"].endswith("/auth/login")


def test_other_roles_sign_in_with_the_password_alone(make, auth, client):
    make.user(email="op@example.test", roles=("desk",))
    assert auth.login("op@example.test", second_factor=False).status_code == 302
    assert client.get("/auth/me").status_code == 200


def test_test_helper_signs_supervisors_in(make, auth, client):
    make.user(email="sup@example.test", roles=("supervisor",))
    auth.login("sup@example.test")
    assert client.get("/auth/me").status_code == 200
    auth.logout()
    auth.login("sup@example.test")
    assert client.get("/auth/me").status_code == 200


# --- fresh re-authentication -----------------------------------------------------------

def _make_stale():
    for row in db.session.scalars(select(LoginSession)):
        row.fresh_at = utcnow() - timedelta(hours=1)
    db.session.commit()


def test_stale_session_must_enter_password_again_before_role_changes(make, auth, client):
    make.user(email="adm@example.test", roles=("admin",), locale="en")
    target = make.user(email="op@example.test")
    auth.login("adm@example.test")
    assert client.get(f"/admin/users/{target.id}").status_code == 200
    _make_stale()
    response = client.get(f"/admin/users/{target.id}")
    assert "/auth/reauthenticate" in response.headers["Location"]
    page = f"/admin/users/{target.id}"
    wrong = client.post("/auth/reauthenticate", data={"password": "not the password", "next": page})
    assert "Wrong password" in wrong.get_data(as_text=True)
    right = client.post("/auth/reauthenticate", data={"password": DEFAULT_PASSWORD, "next": page})
    assert right.headers["Location"].endswith(f"/admin/users/{target.id}")
    assert client.get(f"/admin/users/{target.id}").status_code == 200
    assert "reauthenticate" in actions()


def test_too_many_wrong_reauthentications_sign_out(make, auth, client, app):
    make.user(email="adm@example.test", roles=("admin",), locale="en")
    auth.login("adm@example.test")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/auth/reauthenticate", data={"password": "not the password"})
    assert client.get("/auth/me").status_code == 302


def test_reauthentication_next_cannot_leave_the_site(make, auth, client):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    response = client.post("/auth/reauthenticate", data={"password": DEFAULT_PASSWORD, "next": "https://evil.example/"})
    assert "evil" not in response.headers["Location"]


def test_the_health_team_signs_in_with_a_second_factor_by_default(make, client, app):
    make.user(email="doc@example.test", roles=("team",), teams=("health",))
    make.user(email="soc@example.test", roles=("team",), teams=("social",))
    health = client.post("/auth/login", data={"email": "doc@example.test", "password": DEFAULT_PASSWORD})
    assert "/auth/two-factor" in health.headers["Location"]
    client.post("/auth/logout")
    social = app.test_client().post("/auth/login", data={"email": "soc@example.test",
                                                         "password": DEFAULT_PASSWORD})
    assert "/auth/two-factor" not in social.headers["Location"]


def test_a_site_can_ask_a_second_factor_of_everyone(make, app):
    from desk.auth.twofactor import needs_two_factor

    desk = make.user(email="desk.to@example.test", roles=("desk",))
    assert not needs_two_factor(desk)
    app.config["TOTP_REQUIRED_AT_SITES"] = frozenset({"TO"})
    assert needs_two_factor(desk)
