"""Who may do what at the counter, and the routing suggestions."""

import re

import pytest
from sqlalchemy import func, select

from desk.counter.routing import suggest_reason, suggest_teams
from desk.extensions import db
from desk.models.cases import Access, Case


def token_of(response) -> str:
    return re.search(r'name="form_token" type="hidden" value="([^"]+)"',
                     response.get_data(as_text=True)).group(1)


@pytest.mark.parametrize("needs,interpreter,teams", [
    (["documents"], False, ["legal"]),
    (["asylum", "family_reunification"], False, ["legal"]),
    (["housing", "income"], False, ["social"]),
    (["work", "education", "italian_course"], False, ["social"]),
    (["health"], False, ["health"]),
    (["mental_health"], False, ["health"]),
    (["language_barrier"], False, ["mediation"]),
    (["violence"], False, ["social", "legal"]),
    (["other"], False, []),
    (["documents", "housing", "health"], True, ["social", "legal", "health", "mediation"]),
    ([], True, ["mediation"]),
])
def test_needs_suggest_teams(needs, interpreter, teams):
    assert suggest_teams(needs, interpreter) == teams


def test_reason_follows_the_need():
    assert suggest_reason("legal", ["housing", "documents"]) == "documents"
    assert suggest_reason("social", ["violence"]) == "protection"
    assert suggest_reason("mediation", []) == "interpreting"


@pytest.fixture
def torino_person(make):
    return make.person(site=make.site("TO"), given="Mohamed", family="Ali")


def test_cuneo_operator_cannot_see_or_route_a_torino_person(client, make, auth, torino_person):
    make.site("CN")
    make.user(email="cn@example.test", roles=("desk",), sites=("CN",), locale="en")
    auth.login("cn@example.test")
    pid = torino_person.id
    assert client.get(f"/people/{pid}").status_code == 404
    assert client.get(f"/people/{pid}/intake").status_code == 404
    assert client.get(f"/people/{pid}/edit").status_code == 404
    assert client.get(f"/people/{pid}/privacy-notice").status_code == 404
    response = client.post(f"/people/{pid}/intake", data={
        "form_token": "x", "channel": "walk_in", "needs": ["documents"], "teams": ["legal"],
        "reason_legal": "documents", "priority_legal": "normal"})
    assert response.status_code == 404
    results = client.get("/people/search?q=Mohamed").get_data(as_text=True)
    assert "Nobody found" in results and f"/people/{pid}" not in results
    assert db.session.scalar(select(func.count()).select_from(Access)) == 0


def test_cuneo_operator_cannot_open_a_torino_slip(client, make, auth, torino_person):
    make.user(email="to@example.test", roles=("desk",), sites=("TO",), locale="en")
    make.user(email="cn@example.test", roles=("desk",), sites=("CN",), locale="en")
    auth.login("to@example.test")
    page = client.get(f"/people/{torino_person.id}/intake")
    client.post(f"/people/{torino_person.id}/intake", data={
        "form_token": token_of(page), "channel": "walk_in", "needs": ["documents"],
        "urgency": "normal", "teams": ["legal"], "reason_legal": "documents",
        "priority_legal": "normal"})
    access_id = db.session.scalar(select(Access.id))
    auth.logout()
    auth.login("cn@example.test")
    assert client.get(f"/people/access/{access_id}/slip").status_code == 404
    assert client.post(f"/people/access/{access_id}/slip/print").status_code == 404


def test_team_member_cannot_register_or_record_access(client, make, auth, torino_person):
    make.user(email="legal@example.test", roles=("team",), sites=("TO",), teams=("legal",), locale="en")
    make.case(site=make.site("TO"), person=torino_person, referrals=["legal"])
    auth.login("legal@example.test")
    assert client.get("/people/new").status_code == 403
    assert client.get("/people/desk").status_code == 403
    assert client.get(f"/people/{torino_person.id}/intake").status_code == 403
    assert client.get(f"/people/{torino_person.id}").status_code == 200


def test_team_member_does_not_see_people_not_referred_to_them(client, make, auth):
    person = make.person(site=make.site("TO"), given="Fatima", family="Zahra")
    make.user(email="health@example.test", roles=("team",), sites=("TO",), teams=("health",), locale="en")
    make.case(site=make.site("TO"), person=person, referrals=["legal"])
    auth.login("health@example.test")
    assert client.get(f"/people/{person.id}").status_code == 404
    results = client.get("/people/search?q=Fatima").get_data(as_text=True)
    assert "Nobody found" in results and f"/people/{person.id}" not in results


def test_signed_out_visitor_is_sent_to_sign_in(client, torino_person):
    response = client.get(f"/people/{torino_person.id}")
    assert response.status_code in (302, 401)


def test_one_open_case_per_person_and_site_through_the_service(app, make):
    from desk.counter.intake_services import IntakeData, Route, record_intake

    user = make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    person = make.person(site=make.site("TO"))
    for token in ("a", "b", "c"):
        record_intake(user, person, IntakeData(channel="phone", needs=["housing"],
                                               routes=[Route("social", "housing")]), token)
        db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1
