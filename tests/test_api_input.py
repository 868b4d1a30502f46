"""What the API is sent and what it answers: malformed JSON, wrong shapes and types, huge
numbers and control characters give 400 with each field's message in the caller's language,
never a page and never a 500; the OpenAPI document is valid and lists every route."""

import pytest
from openapi_spec_validator import validate
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.people import Person

from .apiwork import ApiCaller, bearer, token_for
from .casework import build_world

VALID = {"given_name": "Fatima", "family_name": "Rahman", "privacy_notice_given": True}


@pytest.fixture
def desk(make, client):
    world = build_world(make)
    return ApiCaller(client, token_for(world.users["desk"]))


def _people():
    return db.session.scalar(select(func.count()).select_from(Person))


def test_malformed_json_is_400(desk, client):
    before = _people()
    for body in (b"{not json", b"\xff\xfe", b'{"given_name": "A",}', b""):
        response = client.post("/api/v1/people", data=body, headers=bearer(
            desk.secret, **{"Content-Type": "application/json"}))
        assert response.status_code == 400, body
        assert response.content_type == "application/problem+json"
    assert _people() == before


def test_a_body_that_is_not_json_is_415(desk, client):
    response = client.post("/api/v1/people", data="given_name=A", headers=bearer(
        desk.secret, **{"Content-Type": "application/x-www-form-urlencoded"}))
    assert response.status_code == 415


@pytest.mark.parametrize("body, field", [
    ([], "_schema"),
    ("a string", "_schema"),
    ({**VALID, "given_name": 5}, "given_name"),
    ({**VALID, "given_name": ["A"]}, "given_name"),
    ({**VALID, "given_name": None}, "given_name"),
    ({**VALID, "privacy_notice_given": "yes"}, "privacy_notice_given"),
    ({**VALID, "privacy_notice_given": 1}, "privacy_notice_given"),
    ({**VALID, "languages": "fr"}, "languages"),
    ({**VALID, "languages": [1, 2]}, "languages"),
    ({**VALID, "languages": ["fr"] * 500}, "languages"),
    ({**VALID, "site_id": 10**30}, "site_id"),
    ({**VALID, "site_id": -1}, "site_id"),
    ({**VALID, "site_id": 1.5}, "site_id"),
    ({**VALID, "site_id": True}, "site_id"),
    ({**VALID, "site_id": 999}, "site_id"),
    ({**VALID, "family_name": "Rah\x00man"}, "family_name"),
    ({**VALID, "family_name": "x\x1b[31m"}, "family_name"),
    ({**VALID, "family_name": "x" * 100_000}, "family_name"),
    ({**VALID, "admin": True}, "admin"),
    ({"given_name": "A"}, "family_name"),
    ({**VALID, "privacy_notice_given": False}, "privacy_notice_given"),
    ({**VALID, "tax_code": "NOTATAXCODE"}, "tax_code"),
    ({**VALID, "birth": "31/02/1990"}, "birth"),
    ({**VALID, "nationality": "XX"}, "nationality"),
    ({**VALID, "sex": "Q"}, "sex"),
])
def test_each_wrong_field_is_named_with_a_message(desk, body, field):
    before = _people()
    response = desk.post("/people", json=body)
    assert response.status_code == 400, response.json
    messages = response.json["errors"][field]
    assert messages and all(isinstance(m, str) and m for m in messages)
    assert _people() == before


def test_messages_follow_accept_language(desk, client):
    for locale, word in (("it", "obbligatori"), ("fr", "obligatoire"), ("en", "required")):
        response = client.post("/api/v1/people", json={"given_name": "A"}, headers=bearer(
            desk.secret, **{"Accept-Language": locale}))
        assert word in response.json["errors"]["family_name"][0].lower(), locale


@pytest.mark.parametrize("path", [
    "/people/99999999999", "/people/0", "/cases/2147483648", "/nothing-here",
    "/people?q=" + "x" * 300, "/people?limit=abc", "/people?q=a&limit=10000000000000",
    "/people?q=%00", "/teams/%00/referrals", "/cases/1/timeline?limit=-3",
])
def test_odd_addresses_give_json_errors_never_500(desk, path):
    response = desk.get(path)
    assert 400 <= response.status_code < 500, path
    assert response.content_type == "application/problem+json", path
    assert response.json["detail"]


def test_routing_fields_are_checked_like_the_form(make, client):
    world = build_world(make)
    desk = ApiCaller(client, token_for(world.users["desk"]))
    path = f"/people/{world.case.person_id}/accesses"
    bad = desk.post(path, json={"channel": "walk_in", "needs": ["documents"],
                                "routes": [{"team": "legal", "priority": "whenever"}]})
    assert bad.status_code == 400 and "routes.legal.priority" in bad.json["errors"]
    assert desk.post(path, json={"channel": "walk_in", "needs": []}).status_code == 400
    assert desk.post(path, json={"channel": "walk_in", "needs": ["documents"],
                                 "routes": [{"team": "astrology"}]}).status_code == 400
    assert desk.post(path, json={"channel": "walk_in", "needs": ["documents"],
                                 "routes": "legal"}).status_code == 400


def test_the_openapi_document_is_valid_and_lists_every_route(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.1")
    validate(spec)
    documented = {(path, method.upper()) for path, item in spec["paths"].items()
                  for method in item if method in ("get", "post", "put", "patch", "delete")}
    routes = {(rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}"), method)
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes and routes == documented
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_reference_page_lists_every_operation_without_a_cdn(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for fragment in ("POST /api/v1/people", "GET /api/v1/cases/{case_id}/timeline",
                     "POST /api/v1/referrals/{referral_id}/accept"):
        assert fragment in text
    assert "cdn" not in text.lower() and "unpkg" not in text.lower()
