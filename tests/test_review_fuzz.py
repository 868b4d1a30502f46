"""The branches merged on 2 December, tried with bad input: the new API endpoints and forms
answer 4xx with a message, never a 500."""

import pytest

from .apiwork import callers
from .casework import build_world
from .network_world import THU, add_service

BAD_TEXT = ["", "\x00", "a" * 100_000, "%ff", "-1", "99999999999999999999999", "\u202e\ufeff"]


@pytest.fixture
def world(make):
    world = build_world(make)
    add_service("TO", "Casa del Ponte", "third_sector", "Accoglienza notturna", ["housing"],
                ["ar", "it"], [(THU, (9, 0), (12, 0))])
    return world


@pytest.fixture
def api(client, world):
    return callers(client, world)


LISTS = ["/services", "/people", "/teams/legal/referrals",
         "/territories/TO/needs-report", "/appointments"]
ARGS = ["q", "cursor", "limit", "need", "kind", "language", "day", "start", "end", "status",
        "site"]


@pytest.mark.parametrize("path", LISTS)
def test_bad_query_strings_are_never_a_500(world, api, path):
    for role in ("desk", "supervisor", "legal"):
        for arg in ARGS:
            for value in BAD_TEXT + ["0", "-5", "2026-02-30", "[]"]:
                response = api[role].get(path, query_string={arg: value, "q": "Haddad"}
                                         if arg != "q" else {arg: value})
                assert response.status_code < 500, (role, path, arg, value)
            raw = api[role].get(f"{path}?{arg}=%ff%fe&q=Haddad")  # not UTF-8
            assert raw.status_code < 500, (role, path, arg)


def test_bad_bodies_to_put_people_are_never_a_500(client, world, api):
    desk = api["desk"]
    path = f"/people/{world.case.person_id}"
    etag = desk.get(path).headers["ETag"]
    good = {"given_name": "Yusuf", "family_name": "Haddad", "nationality": "SY",
            "languages": ["ar"]}
    bodies = [{}, [], "x", None, 5, {**good, "languages": "ar"}, {**good, "given_name": 5},
              {**good, "given_name": "\x00"}, {**good, "given_name": "a" * 100_000},
              {**good, "birth_date": "2026-02-30"}, {**good, "birth_date": -1},
              {**good, "languages": [None]}, {**good, "nationality": "\x00"},
              {**good, "unknown": 1}]
    for body in bodies:
        response = client.put("/api/v1" + path, json=body, headers=desk._headers(etag))
        assert response.status_code < 500, body
    raw = client.put("/api/v1" + path, data=b'{"given_name": "\xff"}',
                     headers=desk._headers(etag, **{"Content-Type": "application/json"}))
    assert raw.status_code < 500
    for person_id in ("0", "-1", "99999999999999999999"):
        assert client.put(f"/api/v1/people/{person_id}", json=good,
                          headers=desk._headers(etag)).status_code < 500


def test_bad_partner_organisation_posts_are_never_a_500(make, auth, client, world):
    partner = make.user(email="fuzz.partner@example.test", roles=("partner",), sites=(),
                        locale="en")
    auth.login(world.email("admin"))
    for value in BAD_TEXT + ["0", "1.5"]:
        response = client.post(f"/admin/users/{partner.id}/organisation",
                               data={"organisation": value})
        assert response.status_code < 500, value
    for user_id in ("0", "99999999"):
        assert client.post(f"/admin/users/{user_id}/organisation",
                           data={"organisation": ""}).status_code == 404


def test_the_help_page_takes_any_query(auth, client, world):
    auth.login(world.email("desk"))
    for value in BAD_TEXT:
        assert client.get("/help", query_string={"next": value}).status_code == 200


def test_a_partner_token_reads_nothing_of_the_desk(world, api, client):
    """A partner's token: no person, case, referral, directory or report of the desk."""
    partner = api["partner"]
    person, case = world.case.person_id, world.case.id
    paths = ["/people?q=Haddad", f"/people/{person}", f"/cases/{case}",
             f"/cases/{case}/timeline", "/teams/legal/referrals", "/services",
             "/territories/TO/needs-report", "/appointments"]
    paths += [f"/referrals/{r.id}" for r in world.case.referrals]
    for path in paths:
        response = partner.get(path)
        assert response.status_code in (403, 404), (path, response.status_code)
        assert "Haddad" not in response.get_data(as_text=True), path
    etag = api["desk"].get(f"/people/{person}").headers["ETag"]
    assert client.put(f"/api/v1/people/{person}", json={"given_name": "X", "family_name": "Y"},
                      headers=partner._headers(etag)).status_code in (403, 404)


def test_a_read_token_changes_no_person(client, world):
    reader = callers(client, world, scope="read")["desk"]
    path = f"/people/{world.case.person_id}"
    etag = reader.get(path).headers["ETag"]
    assert client.put("/api/v1" + path, json={"given_name": "X", "family_name": "Y"},
                      headers=reader._headers(etag)).status_code == 403


def test_every_dashboard_export_and_format_answers_without_a_500(auth, client, world):
    auth.login(world.email("supervisor"))
    for key in ("all", "needs", "nonexistent", "\x00", "a" * 5000):
        for fmt in ("csv", "xlsx", "zip"):
            for query in ({}, {"start": "2026-02-30"}, {"start": "x", "end": "y"},
                          {"site": "\x00"}, {"start": "2026-06-01", "end": "2026-01-01"}):
                response = client.get(f"/supervision/export/{key}.{fmt}", query_string=query)
                assert response.status_code < 500, (key, fmt, query)
    for fmt in ("csv", "xlsx", "zip", "sqlite"):
        for query in ({}, {"territory": "\x00"}, {"territory": "XX"}, {"start": "2026-13-01"}):
            response = client.get(f"/supervision/anonymised.{fmt}", query_string=query)
            assert response.status_code < 500, (fmt, query)
    auth.logout()
    auth.login(world.email("desk"))
    for path in ("/supervision/export/all.zip", "/supervision/anonymised.zip"):
        assert client.get(path).status_code in (403, 404), path
