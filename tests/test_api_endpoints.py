"""Every API endpoint as every role: what the pages allow, the API allows; what they refuse,
it refuses (403 for a role without the capability, 404 for a record out of sight)."""

import pytest
from sqlalchemy import select

from desk.cases.note_services import write_note
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access, Referral
from desk.models.people import Person

from .apiwork import callers
from .casework import build_world, referral_of

ROLES = ("desk", "mediator", "social", "legal", "health", "supervisor", "admin", "other")


@pytest.fixture
def world(make):
    return build_world(make, referrals=("legal", "health"))


@pytest.fixture
def api(client, world):
    return callers(client, world)


NEW_PERSON = {"given_name": "Fatima", "family_name": "Rahman", "birth": "1988",
              "nationality": "BD", "languages": ["bn"], "privacy_notice_given": True,
              "share_consent": True}


def _status(response):
    assert response.content_type.startswith(("application/json", "application/problem+json"))
    return response.status_code


# (role -> expected status) per call; the case is referred to legal and health at Torino.
def test_search_people(world, api):
    expected = {"desk": 200, "mediator": 200, "social": 200, "legal": 200, "health": 200,
                "supervisor": 200, "admin": 403, "other": 200}
    for role in ROLES:
        response = api[role].get("/people?q=Haddad")
        assert _status(response) == expected[role], role
    found = {hit["person"]["id"] for hit in api["desk"].get("/people?q=Haddad").json["results"]}
    assert found == {world.case.person_id}
    assert api["other"].get("/people?q=Haddad").json["results"] == []  # Cuneo sees no Torino


def test_read_a_person(world, api):
    path = f"/people/{world.case.person_id}"
    for role in ROLES:
        expected = 200 if role in ("desk", "supervisor", "legal", "health") else 404
        assert _status(api[role].get(path)) == expected, role
    body = api["legal"].get(path).json
    assert body["family_name"] == "Haddad" and body["case_ids"] == [world.case.id]


def test_reading_a_person_is_audited(world, api):
    api["desk"].get(f"/people/{world.case.person_id}")
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "view",
                                                   AuditLog.object_type == "person"))
    assert row is not None and row.user_id == world.users["desk"].id


def test_register_a_person(world, api):
    for role in ("mediator", "social", "legal", "health", "admin"):
        assert _status(api[role].post("/people", json=NEW_PERSON)) == 403, role
    response = api["desk"].post("/people", json=NEW_PERSON)
    assert response.status_code == 201, response.json
    person = db.session.get(Person, response.json["id"])
    assert person.family_name == "Rahman" and person.site.code == "TO"
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "create",
                                                    AuditLog.person_id == person.id))


def test_registering_a_likely_duplicate_asks_first(world, api):
    twin = {**NEW_PERSON, "given_name": "Yusuf", "family_name": "Haddad", "birth": "1990",
            "nationality": "SY"}
    response = api["desk"].post("/people", json=twin)
    assert response.status_code == 422
    assert [p["id"] for p in response.json["duplicates"]] == [world.case.person_id]
    assert api["desk"].post("/people", json={**twin, "register_anyway": True}).status_code == 201


def test_read_a_case(world, api):
    path = f"/cases/{world.case.id}"
    for role in ROLES:
        status = _status(api[role].get(path))
        if role in ("desk", "supervisor", "legal", "health"):
            assert status == 200, role
        else:
            assert status == 404, role
    kinds = {r["team"]["kind"] for r in api["legal"].get(path).json["referrals"]}
    assert kinds == {"legal", "health"}


def test_the_legal_workers_token_cannot_read_a_health_confidential_note(world, api, app):
    with app.test_request_context():
        write_note(world.users["health"], world.case, "Diagnosi riservata", "it", "team")
        write_note(world.users["desk"], world.case, "Nota per tutti", "it", "all")
        db.session.commit()
    bodies = lambda role: [e["note"]["body"] for e in  # noqa: E731
                           api[role].get(f"/cases/{world.case.id}/timeline").json["results"]
                           if e["note"]]
    assert "Diagnosi riservata" in bodies("health")
    assert bodies("legal") == ["Nota per tutti"]
    assert _status(api["social"].get(f"/cases/{world.case.id}/timeline")) == 404
    assert _status(api["admin"].get(f"/cases/{world.case.id}/timeline")) == 404


def test_timeline_filters_are_checked(world, api):
    path = f"/cases/{world.case.id}/timeline"
    assert api["desk"].get(path + "?team=legal").status_code == 200
    assert api["desk"].get(path + "?team=astrology").status_code == 400
    assert api["desk"].get(path + "?kind=nonsense").status_code == 400
    assert api["desk"].get(path + "?limit=99999999999").status_code == 400


def test_record_an_access_routed_to_legal(world, api):
    person_id = world.case.person_id
    body = {"channel": "walk_in", "needs": ["documents"],
            "routes": [{"team": "legal", "reason": "documents", "priority": "urgent"}]}
    for role in ("legal", "health"):  # they see the person, but do not record accesses
        assert _status(api[role].post(f"/people/{person_id}/accesses", json=body)) == 403, role
    for role in ("mediator", "social", "admin", "other"):  # the person is out of their sight
        assert _status(api[role].post(f"/people/{person_id}/accesses", json=body)) == 404, role
    response = api["desk"].post(f"/people/{person_id}/accesses", json=body)
    assert response.status_code == 201, response.json
    access = db.session.get(Access, response.json["id"])
    assert access.case_id == world.case.id and access.needs == ["documents"]
    legal = [r for r in response.json["referrals"] if r["team"]["kind"] == "legal"]
    assert any(r["priority"] == "urgent" and r["status"] == "pending" for r in legal)


def test_a_script_registers_records_and_reads_the_timeline(world, api):
    person = api["desk"].post("/people", json=NEW_PERSON).json
    access = api["desk"].post(f"/people/{person['id']}/accesses", json={
        "channel": "phone", "needs": ["documents"],
        "routes": [{"team": "legal", "reason": "documents"}]}).json
    entries = api["desk"].get(f"/cases/{access['case_id']}/timeline").json["results"]
    assert {"access_recorded", "referral_made"} <= {e["kind"] for e in entries}


def test_list_a_teams_referrals(world, api):
    for role in ROLES:
        status = _status(api[role].get("/teams/legal/referrals"))
        # Cuneo's supervisor gets Cuneo's legal queue: its own site, not Torino's referrals.
        assert status == (200 if role in ("legal", "supervisor", "other") else 403), role
    assert api["other"].get("/teams/legal/referrals").json["results"] == []
    results = api["legal"].get("/teams/legal/referrals").json["results"]
    assert [r["id"] for r in results] == [referral_of(world.case, "legal").id]
    assert api["legal"].get("/teams/legal/referrals?site=CN").status_code == 404
    assert api["legal"].get("/teams/legal/referrals?status=completed").json["results"] == []


def _etag(api, role, referral_id):
    return api[role].get(f"/referrals/{referral_id}").headers["ETag"]


def test_accept_then_complete_a_referral(world, api):
    referral = referral_of(world.case, "legal")
    path = f"/referrals/{referral.id}"
    read = _etag(api, "legal", referral.id)
    for role in ("desk", "health"):  # they see the case, but do not work legal's referrals
        assert _status(api[role].post(path + "/accept", json={}, if_match=read)) == 403, role
    for role in ("mediator", "social", "admin", "other"):
        assert _status(api[role].post(path + "/accept", json={}, if_match=read)) == 404, role
    accepted = api["legal"].post(path + "/accept", json={}, if_match=read)
    assert accepted.status_code == 200 and accepted.json["status"] == "accepted"
    assert accepted.json["assignee_id"] == world.users["legal"].id
    stale = api["legal"].post(path + "/complete", json={"outcome": "resolved"}, if_match=read)
    assert stale.status_code == 412
    assert accepted.headers["ETag"] == _etag(api, "legal", referral.id)
    done = api["legal"].post(path + "/complete", json={"outcome": "resolved"},
                             if_match=accepted.headers["ETag"])
    assert done.status_code == 200 and done.json["status"] == "completed"


def test_completing_a_pending_referral_is_refused_by_the_rule(world, api):
    referral = referral_of(world.case, "legal")
    response = api["legal"].post(f"/referrals/{referral.id}/complete",
                                 json={"outcome": "resolved"},
                                 if_match=_etag(api, "legal", referral.id))
    assert response.status_code == 422 and response.json["detail"]


def test_decline_a_referral(world, api):
    referral = referral_of(world.case, "legal")
    path = f"/referrals/{referral.id}/decline"
    etag = _etag(api, "legal", referral.id)
    assert api["legal"].post(path, json={"reason": "nonsense"}, if_match=etag).status_code == 400
    response = api["legal"].post(path, json={"reason": "not_competent", "text": "Per INPS"},
                                 if_match=etag)
    assert response.status_code == 200, response.json
    assert db.session.get(Referral, referral.id).status == "declined"


def test_list_a_teams_appointments(world, api):
    for role in ROLES:
        status = _status(api[role].get("/teams/legal/appointments"))
        expected = 200 if role in ("legal", "supervisor", "other") else 403
        assert status == expected, role
    assert api["legal"].get("/teams/legal/appointments?start=2026-13-40").status_code == 400
    assert api["legal"].get("/teams/legal/appointments?days=500").status_code == 400
