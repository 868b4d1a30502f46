"""User administration: only for admins, every change audited, and no case content for admins."""

import re

import pytest
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from desk.auth.services import find_user_by_email
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.sites import Site
from desk.models.users import LoginSession, User
from desk.policy import get_case_or_404, get_person_or_404, visible_cases, visible_people

from .factories import DEFAULT_PASSWORD

NEW_PASSWORD = "plum kettle orbit 42"


def audit_actions():
    return db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()


@pytest.fixture
def admin(make, auth):
    make.site("TO")
    make.site("CN")
    user = make.user(email="adm@example.test", roles=("admin",), locale="en", sites=())
    auth.login("adm@example.test")
    return user


@pytest.mark.parametrize("roles,teams", [
    (("desk",), ()), (("team",), ("legal",)), (("team",), ("mediation",)), (("supervisor",), ()),
])
@pytest.mark.parametrize("method,path", [
    ("get", "/admin/users"), ("get", "/admin/users/new"), ("get", "/admin/users/1"),
    ("post", "/admin/users/1/active"), ("post", "/admin/users/1/password"),
    ("post", "/admin/users/1/two-factor"), ("get", "/admin/audit"), ("get", "/admin/audit/export.csv"),
])
def test_admin_pages_are_refused_to_every_other_role(make, auth, client, roles, teams, method, path):
    make.user(email="someone@example.test", roles=roles, teams=teams)
    auth.login("someone@example.test")
    response = getattr(client, method)(path)
    assert response.status_code == 403


def test_admin_pages_need_sign_in(client):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_admin_lists_and_finds_users(make, admin, client):
    make.user(email="maria.rossi@example.test")
    page = client.get("/admin/users?q=rossi").get_data(as_text=True)
    assert "maria.rossi@example.test" in page
    assert "adm@example.test" not in page


def _create(client, **overrides):
    torino = db.session.scalar(select(Site).where(Site.code == "TO"))
    legal = next(team for team in torino.teams if team.kind == "legal")
    data = {
        "email": "new.worker@example.test", "name": "Nadia Worker", "roles": ["team"],
        "sites": [str(torino.id)], "teams": [str(legal.id)], "locale": "fr", "languages": ["fr", "ar"],
    }
    data.update(overrides)
    return client.post("/admin/users/new", data=data)


def make_admin_two():
    from .factories import Factories

    return Factories().user(email="adm2@example.test", roles=("admin",), locale="en", sites=())


def approve_as_another_admin(second, auth, client):
    """Sign in as another administrator and approve every request waiting."""
    from desk.models.grants import AccessGrant

    auth.logout()
    auth.login(second.email)
    for grant in db.session.scalars(select(AccessGrant).where(AccessGrant.status == "pending")):
        response = client.post(f"/admin/grants/{grant.id}", data={"decision": "approve"})
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
    auth.logout()


def test_admin_creates_a_user_with_a_temporary_password_to_change(admin, client, auth):
    response = _create(client)
    assert response.status_code == 200
    password = re.search(r'<code class="secret" dir="ltr">([a-z0-9-]+)</code>',
                         response.get_data(as_text=True)).group(1)
    user = find_user_by_email("new.worker@example.test")
    # The team role sees case content: it waits for a second person.
    assert user.roles == set() and user.teams == []
    assert user.languages == ["ar", "fr"] and user.locale == "fr"
    assert user.must_change_password
    assert audit_actions()[-2:] == ["user_create", "grant_requested"]
    approve_as_another_admin(make_admin_two(), auth, client)
    user = find_user_by_email("new.worker@example.test")
    assert user.roles == {"team"} and [t.kind for t in user.teams] == ["legal"]
    auth.logout()
    auth.login("new.worker@example.test", password)
    assert client.get("/auth/me").headers["Location"].endswith("/auth/password")


@pytest.mark.parametrize("overrides,message", [
    ({"email": "not-an-email"}, "Not a valid e-mail address"),
    ({"email": "adm@example.test"}, "already exists"),
    ({"roles": []}, "Choose at least one role"),
    ({"languages": ["xx-nonsense"]}, "not a valid choice"),
    ({"name": ""}, "This field is required"),
])
def test_refused_new_user_says_why_and_keeps_the_input(admin, client, overrides, message):
    response = _create(client, **overrides)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in body
    assert "Nadia Worker" in body or overrides.get("name") == ""
    assert find_user_by_email("new.worker@example.test") is None


def test_a_team_must_belong_to_one_of_the_users_sites(admin, client):
    cuneo = db.session.scalar(select(Site).where(Site.code == "CN"))
    response = _create(client, teams=[str(cuneo.teams[0].id)])
    assert response.status_code == 422
    assert "one of the user&#39;s sites" in response.get_data(as_text=True)


def test_changing_roles_is_audited_and_ends_the_users_sessions(make, admin, client, app, auth):
    worker = make.user(email="op@example.test", roles=("desk",))
    other = app.test_client()
    other.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    assert other.get("/auth/me").status_code == 200
    torino = worker.sites[0]
    response = client.post(f"/admin/users/{worker.id}", data={
        "name": "Op Erator", "roles": ["desk", "team"], "sites": [str(torino.id)],
        "teams": [str(torino.teams[0].id)], "locale": "it", "languages": [],
    })
    assert response.status_code == 302
    worker = db.session.get(User, worker.id)
    assert worker.roles == {"desk"} and worker.name == "Op Erator"  # the new role waits
    assert other.get("/auth/me").status_code == 302
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "user_update"))
    assert row.detail["before"]["name"] != row.detail["after"]["name"]
    other.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    approve_as_another_admin(make_admin_two(), auth, client)
    worker = db.session.get(User, worker.id)
    assert worker.roles == {"desk", "team"}
    assert other.get("/auth/me").status_code == 302, "the approval ends the old sessions too"
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "grant_approved"))
    assert row.detail["roles"] == ["desk", "team"]


def test_admin_cannot_remove_own_admin_role_or_deactivate_self(admin, client):
    response = client.post(f"/admin/users/{admin.id}", data={"name": "Adm", "roles": ["desk"]})
    assert response.status_code == 422
    assert db.session.get(User, admin.id).roles == {"admin"}
    client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert db.session.get(User, admin.id).active


def test_deactivation_ends_sessions_and_reactivation_restores_sign_in(make, admin, client, app):
    worker = make.user(email="op@example.test")
    other = app.test_client()
    other.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    client.post(f"/admin/users/{worker.id}/active", data={"active": "0"})
    assert other.get("/auth/me").status_code == 302
    assert not db.session.scalar(select(LoginSession).where(
        LoginSession.user_id == worker.id, LoginSession.ended_at.is_(None)))
    other.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    assert other.get("/auth/me").status_code == 302
    client.post(f"/admin/users/{worker.id}/active", data={"active": "1"})
    other.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    assert other.get("/auth/me").status_code == 200
    assert audit_actions()[-5:].count("user_deactivate") == 1 and "user_activate" in audit_actions()


def test_password_reset_forces_a_change_at_next_sign_in(make, admin, client, app):
    worker = make.user(email="op@example.test")
    response = client.post(f"/admin/users/{worker.id}/password")
    temporary = re.search(r'dir="ltr">([a-z0-9-]+)</code>', response.get_data(as_text=True)).group(1)
    other = app.test_client()
    other.post("/auth/login", data={"email": "op@example.test", "password": DEFAULT_PASSWORD})
    assert other.get("/auth/me").status_code == 302  # the old password no longer works
    other.post("/auth/login", data={"email": "op@example.test", "password": temporary})
    assert other.get("/auth/me").headers["Location"].endswith("/auth/password")
    other.post("/auth/password", data={"current_password": temporary, "new_password": NEW_PASSWORD,
                                       "confirm": NEW_PASSWORD})
    assert other.get("/auth/me").status_code == 200
    assert "password_reset" in audit_actions()


def test_two_step_reset_makes_the_user_enrol_again(make, admin, client):
    supervisor = make.user(email="sup@example.test", roles=("supervisor",))
    from tests.conftest import AuthActions

    AuthActions(client.application.test_client()).login("sup@example.test")
    assert db.session.get(User, supervisor.id).totp_enabled_at is not None
    client.post(f"/admin/users/{supervisor.id}/two-factor")
    refreshed = db.session.get(User, supervisor.id)
    assert refreshed.totp_secret is None and refreshed.recovery_codes == []
    assert "two_factor_reset" in audit_actions()


def test_buttons_without_csrf_token_are_refused_when_csrf_is_on(make, admin, client, app):
    worker = make.user(email="op@example.test")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/admin/users/{worker.id}/active", data={"active": "0"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert db.session.get(User, worker.id).active


def test_admins_see_no_case_content(make, admin, client):
    case = make.case(referrals=["legal"])
    user = db.session.get(User, admin.id)
    user.sites = [case.site]  # even an admin attached to the case's site sees nothing of it
    db.session.commit()
    for load, record_id in ((get_case_or_404, case.id), (get_person_or_404, case.person_id)):
        with pytest.raises(NotFound):
            load(user, record_id)
    assert db.session.scalars(visible_cases(user)).all() == []
    assert db.session.scalars(visible_people(user)).all() == []
    for path in (f"/cases/{case.id}", f"/people/{case.person_id}",
                 f"/cases/{case.id}/documents/new", f"/cases/{case.id}/appointments/new"):
        assert client.get(path).status_code in (403, 404), path
