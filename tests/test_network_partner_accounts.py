"""Attaching a partner account to its organisation: from the user's admin page and with
`flask desk partner-attach`; only partner accounts, only organisations that still receive
referrals; audited; nobody but an administrator may do it."""

import pytest
from sqlalchemy import select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.external_referrals import ExternalReferral, PartnerMember

from .casework import build_world
from .network_world import add_service, build_network


def _world(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    client.post(f"/cases/{w.case.id}/services/{n.clinic.id}/refer", data={
        "reason": "health_access", "urgency": "normal", "consent_given": "y",
        "follow_up_on": "2026-06-30"})
    auth.logout()
    closed = add_service("TO", "Associazione Chiusa", "third_sector", "Sportello chiuso",
                         ["housing"], active=False)
    newcomer = make.user(email="nuovo.partner@example.test", roles=("partner",), sites=(),
                         locale="en")
    return w, n, closed, newcomer


def _membership(user):
    db.session.expire_all()
    member = db.session.get(PartnerMember, user.id)
    return member.organisation_id if member else None


def _post(client, user, organisation_id):
    return client.post(f"/admin/users/{user.id}/organisation",
                       data={"organisation": str(organisation_id or "")}, follow_redirects=True)


def test_an_admin_attaches_a_partner_who_then_sees_the_organisations_referrals(make, auth,
                                                                               client):
    w, n, _closed, newcomer = _world(make, auth, client)
    auth.login(w.email("admin"))
    page = client.get(f"/admin/users/{newcomer.id}").get_data(as_text=True)
    assert 'id="organisation"' in page and "ASL Città di Torino" in page
    response = _post(client, newcomer, n.clinic.organisation_id)
    assert response.status_code == 200
    assert "now receives the referrals sent to ASL Città di Torino" in response.get_data(
        as_text=True)
    assert _membership(newcomer) == n.clinic.organisation_id
    row = db.session.scalar(select(AuditLog).where(AuditLog.object_type == "user",
                                                   AuditLog.object_id == newcomer.id))
    assert row.action == "user_update" and row.user_id == w.users["admin"].id
    assert row.detail["after"] == {"organisation_id": n.clinic.organisation_id}
    auth.logout()
    auth.login(newcomer.email)
    referral = db.session.scalar(select(ExternalReferral))
    assert client.get(f"/partner/referrals/{referral.id}").status_code == 200


def test_a_staff_account_gets_no_organisation_form_and_is_refused(make, auth, client):
    w, n, _closed, _newcomer = _world(make, auth, client)
    desk = w.users["desk"]
    auth.login(w.email("admin"))
    assert 'id="organisation"' not in client.get(f"/admin/users/{desk.id}").get_data(
        as_text=True)
    page = _post(client, desk, n.shelter.organisation_id).get_data(as_text=True)
    assert "Only an account with the partner role belongs to an organisation" in page
    assert _membership(desk) is None


def test_an_organisation_without_an_active_service_is_refused(make, auth, client):
    w, _n, closed, newcomer = _world(make, auth, client)
    auth.login(w.email("admin"))
    page = _post(client, newcomer, closed.organisation_id).get_data(as_text=True)
    assert "Associazione Chiusa has no active service in the directory" in page
    assert _membership(newcomer) is None
    page = _post(client, newcomer, 999999).get_data(as_text=True)
    assert 'class="flash flash-error"' in page and _membership(newcomer) is None


def test_an_admin_moves_and_detaches_a_partner(make, auth, client):
    w, n, _closed, _newcomer = _world(make, auth, client)
    partner = w.users["partner"]  # of the shelter (tests/network_world.py)
    auth.login(w.email("admin"))
    _post(client, partner, n.dormitory.organisation_id)
    assert _membership(partner) == n.dormitory.organisation_id
    page = _post(client, partner, "").get_data(as_text=True)
    assert "belongs to no organisation now" in page and _membership(partner) is None


@pytest.mark.parametrize("role", ["desk", "supervisor", "partner", "legal"])
def test_nobody_but_an_admin_attaches_a_partner(make, auth, client, role):
    w, n, _closed, newcomer = _world(make, auth, client)
    auth.login(w.email(role))
    assert client.post(f"/admin/users/{newcomer.id}/organisation",
                       data={"organisation": n.clinic.organisation_id}).status_code == 403
    assert client.get(f"/admin/users/{newcomer.id}").status_code == 403
    assert _membership(newcomer) is None


def test_the_command_attaches_with_clear_errors(make, auth, client, runner):
    w, n, closed, newcomer = _world(make, auth, client)
    org = n.clinic.organisation_id

    def run(*args):
        return runner.invoke(args=["desk", "partner-attach", *args])

    result = run(newcomer.email, str(org))
    assert result.exit_code == 0, result.output
    assert "now receives the referrals sent to ASL Città di Torino" in result.output
    assert _membership(newcomer) == org
    row = db.session.scalar(select(AuditLog).where(AuditLog.object_id == newcomer.id,
                                                   AuditLog.object_type == "user"))
    assert row.user_id is None and row.detail["after"] == {"organisation_id": org}

    listed = run(newcomer.email)
    assert listed.exit_code != 0 and "Casa del Ponte" in listed.output
    assert "(no active service)" in listed.output
    # The refusals of the service come in the server's language: each one is an error.
    for args, problem in [(("nobody@example.test", str(org)), "No account"),
                          ((newcomer.email, "abc"), "must be a number"),
                          ((newcomer.email, "999999"), "Error"),
                          ((w.email("desk"), str(org)), "Error"),
                          ((newcomer.email, str(closed.organisation_id)), "Associazione Chiusa")]:
        result = run(*args)
        assert result.exit_code != 0, args
        assert problem in result.output, (args, result.output)
    assert _membership(newcomer) == org and _membership(w.users["desk"]) is None
    assert run(newcomer.email, "--detach").exit_code == 0
    assert _membership(newcomer) is None
