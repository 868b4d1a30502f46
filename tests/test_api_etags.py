"""ETags: a single record's answer carries one, a read with If-None-Match of an unchanged
record is 304, and a change to a referral must send the ETag read in If-Match: none is 428, a
stale one is 412 (problem details, in the caller's language), and nothing is overwritten."""

import pytest
from sqlalchemy import select

from desk.common.refusals import EditConflict
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Referral

from .apiwork import ApiCaller, callers, token_for
from .casework import build_world, referral_of

ROLES = ("desk", "mediator", "social", "legal", "health", "supervisor", "admin", "other",
         "partner")


@pytest.fixture
def world(make):
    return build_world(make, referrals=("legal", "health"))


@pytest.fixture
def api(client, world):
    return callers(client, world)


@pytest.fixture
def legal(world):
    return referral_of(world.case, "legal")


def test_one_referral_is_read_by_whoever_sees_its_case(world, api, legal):
    for role in ROLES:
        response = api[role].get(f"/referrals/{legal.id}")
        expected = 200 if role in ("desk", "legal", "health", "supervisor") else 404
        assert response.status_code == expected, role
    body = api["legal"].get(f"/referrals/{legal.id}").json
    assert body["team"]["kind"] == "legal" and body["status"] == "pending"
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "view",
                                                   AuditLog.object_type == "referral"))
    assert row.person_id == world.case.person_id


@pytest.mark.parametrize("path", ["/people/{person}", "/cases/{case}", "/referrals/{referral}"])
def test_an_unchanged_record_read_again_is_304(world, api, legal, path):
    url = path.format(person=world.case.person_id, case=world.case.id, referral=legal.id)
    first = api["legal"].get(url)
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = api["legal"].get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert api["legal"].get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_etag_changes_with_the_record(world, api, legal):
    before = api["legal"].get(f"/referrals/{legal.id}").headers["ETag"]
    accepted = api["legal"].post(f"/referrals/{legal.id}/accept", json={}, if_match=before)
    assert accepted.status_code == 200
    after = api["legal"].get(f"/referrals/{legal.id}").headers["ETag"]
    assert after != before and accepted.headers["ETag"] == after
    case_before = api["desk"].get(f"/cases/{world.case.id}")
    assert case_before.headers["ETag"]


@pytest.mark.parametrize("action, body", [("accept", {}),
                                          ("decline", {"reason": "not_competent"}),
                                          ("complete", {"outcome": "resolved"})])
def test_a_change_without_if_match_is_428(client, world, legal, action, body):
    caller = ApiCaller(client, token_for(world.users["legal"]), locale="en")
    response = caller.post(f"/referrals/{legal.id}/{action}", json=body)
    assert response.status_code == 428
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 428 and "If-Match" in response.json["detail"]
    assert db.session.get(Referral, legal.id).status == "pending"


def test_a_stale_write_is_412_and_overwrites_nothing(client, world, legal):
    first = ApiCaller(client, token_for(world.users["legal"]), locale="en")
    second = ApiCaller(client, token_for(world.users["legal2"]))
    read = first.get(f"/referrals/{legal.id}").headers["ETag"]
    taken = second.post(f"/referrals/{legal.id}/accept", json={},
                        if_match=second.get(f"/referrals/{legal.id}").headers["ETag"])
    assert taken.status_code == 200
    stale = first.post(f"/referrals/{legal.id}/decline",
                       json={"reason": "not_competent"}, if_match=read)
    assert stale.status_code == 412
    assert stale.content_type == "application/problem+json"
    assert stale.json["title"] == "Changed by someone else"
    assert "If-Match" in stale.json["detail"]
    referral = db.session.get(Referral, legal.id)
    assert referral.status == "accepted" and referral.assignee_id == world.users["legal2"].id


def test_a_weak_or_made_up_etag_is_412(world, api, legal):
    etag = api["legal"].get(f"/referrals/{legal.id}").headers["ETag"]
    for sent in ("W/" + etag, '"made-up"', "nonsense"):
        response = api["legal"].post(f"/referrals/{legal.id}/accept", json={}, if_match=sent)
        assert response.status_code == 412, sent
    assert db.session.get(Referral, legal.id).status == "pending"


def test_if_match_star_says_whatever_it_is_now(world, api, legal):
    response = api["legal"].post(f"/referrals/{legal.id}/accept", json={}, if_match="*")
    assert response.status_code == 200 and response.json["status"] == "accepted"


def test_a_change_between_the_check_and_the_write_is_412(world, api, legal, monkeypatch):
    from desk.teamwork import referral_services

    def changed_meanwhile(*_args, **_kwargs):
        raise EditConflict()

    monkeypatch.setattr(referral_services, "accept_referral", changed_meanwhile)
    etag = api["legal"].get(f"/referrals/{legal.id}").headers["ETag"]
    response = api["legal"].post(f"/referrals/{legal.id}/accept", json={}, if_match=etag)
    assert response.status_code == 412


def test_the_wrong_role_is_refused_before_any_etag_is_compared(world, api, legal):
    etag = api["legal"].get(f"/referrals/{legal.id}").headers["ETag"]
    assert api["health"].post(f"/referrals/{legal.id}/accept", json={},
                              if_match=etag).status_code == 403
    assert api["other"].post(f"/referrals/{legal.id}/accept", json={},
                             if_match=etag).status_code == 404
    assert api["health"].post(f"/referrals/{legal.id}/accept", json={},
                              if_match='"stale"').status_code == 403


def test_the_problem_follows_accept_language(client, world, legal):
    secret = token_for(world.users["legal"])
    english = ApiCaller(client, secret, locale="en").post(f"/referrals/{legal.id}/accept",
                                                         json={})
    italian = ApiCaller(client, secret, locale="it").post(f"/referrals/{legal.id}/accept",
                                                         json={})
    assert english.status_code == italian.status_code == 428
    # The Italian catalogue gets this message at merge (docs/api.md); until then both read
    # the English msgid, so only the 404 (already translated) is compared here.
    assert (ApiCaller(client, secret, locale="en").get("/referrals/999999").json["detail"]
            != ApiCaller(client, secret, locale="it").get("/referrals/999999").json["detail"])


def _person(world):
    return {"given_name": "Yusuf", "family_name": "Haddad", "nationality": "SY",
            "languages": ["ar", "fr"], "phone": "+39 333 123 4567"}


def test_a_persons_record_is_changed_with_the_etag_read(client, world, api):
    path = f"/people/{world.case.person_id}"
    etag = api["desk"].get(path).headers["ETag"]
    for role in ("legal", "health"):  # they see the person, but do not edit records
        assert api[role].client.put("/api/v1" + path, json=_person(world), headers=api[role]
                                    ._headers(etag)).status_code == 403, role
    for role in ("mediator", "social", "admin", "other"):
        assert api[role].client.put("/api/v1" + path, json=_person(world), headers=api[role]
                                    ._headers(etag)).status_code == 404, role
    desk = api["desk"]
    assert client.put("/api/v1" + path, json=_person(world),
                      headers=desk._headers()).status_code == 428
    changed = client.put("/api/v1" + path, json=_person(world), headers=desk._headers(etag))
    assert changed.status_code == 200, changed.json
    assert changed.json["phone"] and changed.headers["ETag"] != etag
    assert changed.headers["ETag"] == desk.get(path).headers["ETag"]
    stale = client.put("/api/v1" + path, json={**_person(world), "phone": None},
                       headers=desk._headers(etag))
    assert stale.status_code == 412
    assert db.session.get(type(world.case.person), world.case.person_id).phone
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "update",
                                                    AuditLog.person_id == world.case.person_id))


def test_a_persons_change_is_checked_by_the_forms_rules(client, world, api):
    path = f"/people/{world.case.person_id}"
    etag = api["desk"].get(path).headers["ETag"]
    bad = client.put("/api/v1" + path, json={**_person(world), "tax_code": "NOTATAXCODE"},
                     headers=api["desk"]._headers(etag))
    assert bad.status_code == 400 and bad.json["errors"]["tax_code"]
