"""An administrator sets what a coordinator's observatory covers on the user's page: the
region or one territory; a wrong value is refused with a message; audited; nobody else may."""

import pytest
from sqlalchemy import select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.users import User

from .casework import build_world


@pytest.fixture
def world(app, make):
    w = build_world(make)
    w.users["admin"].locale = "en"  # the messages below are asserted in English
    db.session.commit()
    make.user(email="newcoord@example.test", roles=("coordinator",), sites=())
    return w


def _new():
    return db.session.scalar(select(User).where(User.email == "newcoord@example.test"))


def _post(client, user, scope):
    return client.post(f"/admin/users/{user.id}/observatory-scope", data={"scope": scope},
                       follow_redirects=True)


def test_an_admin_gives_a_coordinator_a_territory_she_then_opens(world, auth, client):
    user = _new()
    auth.login(world.email("admin"))
    page = client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert 'id="observatory-scope"' in page and 'value="CN"' in page
    response = _post(client, user, "CN")
    assert response.status_code == 200
    assert db.session.get(User, user.id).observatory_scope == "CN"
    row = db.session.scalar(select(AuditLog).where(AuditLog.object_type == "user",
                                                   AuditLog.object_id == user.id)
                            .order_by(AuditLog.id.desc()))
    assert row.action == "user_update" and row.user_id == world.users["admin"].id
    assert row.detail == {"before": {"observatory_scope": None},
                          "after": {"observatory_scope": "CN"}}
    assert _post(client, user, "region").status_code == 200
    assert db.session.get(User, user.id).observatory_scope == "region"
    auth.logout()
    auth.login("newcoord@example.test")
    assert client.get("/observatory/region").status_code == 200


@pytest.mark.parametrize("value", ["XX", "TO'; --", "regione", "x" * 300])
def test_a_wrong_scope_is_refused_with_a_message_and_nothing_written(world, auth, client,
                                                                     value):
    user = _new()
    auth.login(world.email("admin"))
    body = _post(client, user, value).get_data(as_text=True)
    assert "Choose the region or one of the territories." in body
    assert db.session.get(User, user.id).observatory_scope is None


def test_a_staff_account_gets_no_scope_form_and_is_refused(world, auth, client):
    desk = world.users["desk"]
    auth.login(world.email("admin"))
    assert 'id="observatory-scope"' not in client.get(
        f"/admin/users/{desk.id}").get_data(as_text=True)
    body = _post(client, desk, "region").get_data(as_text=True)
    assert "Only an account with the coordinator role observes figures" in body
    assert db.session.get(User, desk.id).observatory_scope is None


@pytest.mark.parametrize("role", ["desk", "supervisor", "coordinator", "partner"])
def test_nobody_but_an_admin_sets_a_scope(world, auth, client, role):
    user = _new()
    auth.login(world.email(role))
    response = client.post(f"/admin/users/{user.id}/observatory-scope",
                           data={"scope": "region"})
    assert response.status_code == 403
    assert db.session.get(User, user.id).observatory_scope is None
