"""A person registered at a desk the operator cannot see is announced by that desk's name
only: no name, no date, no number, no id of theirs in any page or JSON answer. The operator
may ask that desk for a transfer; every look-up is audited."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from desk.audit.services import later
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.notifications import Notification
from desk.models.people import ResidenceDocument
from desk.notifications.messages import describe

from .apiwork import ApiCaller, token_for

TAX_CODE = "HDDYSF90C04Z330J"


@pytest.fixture
def world(make):
    torino = make.site("TO", name="Torino Spazio Comune")
    cuneo = make.site("CN", name="Cuneo Sportello")
    other = make.person(site=cuneo, given="Yusuf", family="Haddad", birth_year=1990,
                        birth_date=date(1990, 3, 4), tax_code=TAX_CODE, phone="+393331234567",
                        nationality="MA")
    db.session.add(ResidenceDocument(person_id=other.id, doc_type="family", number="QW7654321"))
    db.session.commit()
    operator = make.user(email="op.to@example.test", roles=("desk",), sites=("TO",),
                         locale="en")
    supervisor = make.user(email="sup.cn@example.test", roles=("supervisor",), sites=("CN",),
                           locale="en")
    return {"torino": torino, "cuneo": cuneo, "other": other, "operator": operator,
            "supervisor": supervisor}


def _secrets(world, typed=()):
    """Every field of the other person an answer must not carry (except what was typed)."""
    other = world["other"]
    values = ["Yusuf", "Haddad", TAX_CODE, "QW7654321", "3331234567", "1990-03-04",
              "04/03/1990", f"/people/{other.id}", f'"id": {other.id}', "Morocco"]
    return [v for v in values if not any(v.lower() in t.lower() for t in typed)]


def _lookups():
    later.wait()
    db.session.expire_all()
    return db.session.scalars(select(AuditLog).where(AuditLog.action == "lookup_elsewhere")
                              .order_by(AuditLog.id)).all()


@pytest.mark.parametrize("query", [TAX_CODE, "qw7654321", "Yusuf Haddad 04/03/1990"])
def test_search_names_the_other_desk_and_nothing_of_the_person(client, auth, world, query):
    auth.login("op.to@example.test")
    response = client.get("/people/search", query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Cuneo Sportello" in html and "Ask Cuneo Sportello for a transfer" in html
    typed = [query, "Yusuf Haddad 1990-03-04"] if "Yusuf" in query else [query]
    for secret in _secrets(world, typed=typed):
        assert secret not in html, secret
    rows = _lookups()
    assert rows[-1].person_id == world["other"].id
    assert rows[-1].detail["where"] == "search" and rows[-1].user_id == world["operator"].id


def test_the_api_search_names_the_other_desk_only(client, world):
    api = ApiCaller(client, token_for(world["operator"]), locale="en")
    response = api.get("/people", query_string={"q": TAX_CODE})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.get_json()["elsewhere"] == [{"desk": "Cuneo Sportello"}]
    assert response.get_json()["results"] == []
    for secret in _secrets(world, typed=[TAX_CODE]):
        assert secret not in body, secret
    assert _lookups()[-1].detail["where"] == "api_search"


def test_a_search_that_matches_nobody_elsewhere_says_nothing_but_is_audited(client, auth,
                                                                             world):
    auth.login("op.to@example.test")
    html = client.get("/people/search", query_string={"q": "Marta Rossi 01/01/1980"}
                      ).get_data(as_text=True)
    assert "Cuneo Sportello" not in html
    rows = _lookups()
    assert rows and rows[-1].person_id is None and rows[-1].detail["people"] == []


def test_registering_the_same_name_and_birth_date_shows_the_notice_first(client, auth, world):
    auth.login("op.to@example.test")
    page = client.get("/people/new").get_data(as_text=True)
    token = re.search(r'name="form_token" type="hidden" value="([^"]+)"', page).group(1)
    data = {"form_token": token, "given_name": "Yusuf", "family_name": "Haddad", "sex": "M",
            "birth": "04/03/1990", "privacy_notice_given": "y", "notice_language": "it"}
    response = client.post("/people/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "same name and date of birth is registered at Cuneo Sportello" in html
    # (the form lists every country, Morocco among them)
    for secret in _secrets(world, typed=["Yusuf", "Haddad", "04/03/1990", "1990-03-04",
                                         "Morocco"]):
        assert secret not in html, secret
    assert _lookups()[-1].detail["where"] == "register"
    # A different person after all: the operator confirms.
    assert client.post("/people/new", data={**data, "register_anyway": "y"}).status_code == 302


def test_a_refused_registration_keeps_its_look_up_on_record(client, auth, world):
    auth.login("op.to@example.test")
    page = client.get("/people/new").get_data(as_text=True)
    token = re.search(r'name="form_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/people/new", data={
        "form_token": token, "given_name": "Marta", "family_name": "Rossi", "sex": "F",
        "tax_code": TAX_CODE, "privacy_notice_given": "y", "notice_language": "it"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Cuneo Sportello" in html and "Yusuf" not in html
    assert _lookups()[-1].person_id == world["other"].id


def test_asking_for_a_transfer_tells_the_other_desks_supervisors(client, auth, world):
    auth.login("op.to@example.test")
    response = client.post("/people/elsewhere/ask-transfer", data={
        "site_id": world["cuneo"].id, "identifiers": TAX_CODE, "next": "/people/search"})
    assert response.status_code == 302
    notes = db.session.scalars(select(Notification)).all()
    assert [n.user_id for n in notes] == [world["supervisor"].id]
    assert notes[0].kind == "transfer" and notes[0].payload["from_site"] == "Torino Spazio Comune"
    text = describe(notes[0])
    assert "Torino Spazio Comune" in text and "Haddad" not in text
    # Asked twice: the supervisors are told once.
    client.post("/people/elsewhere/ask-transfer", data={
        "site_id": world["cuneo"].id, "identifiers": TAX_CODE})
    assert len(db.session.scalars(select(Notification)).all()) == 1


@pytest.mark.parametrize("fields", [
    {"identifiers": "NOTAKNOWNCODE1"},       # nobody matching there
    {"identifiers": "<script>"},             # not an identifier
    {"birth_date": "1990-02-31", "words": "yusuf"},
    {},
])
def test_a_transfer_request_that_matches_nobody_is_refused(client, auth, world, fields):
    auth.login("op.to@example.test")
    response = client.post("/people/elsewhere/ask-transfer",
                           data={"site_id": world["cuneo"].id, **fields})
    assert response.status_code == 302
    assert db.session.scalars(select(Notification)).all() == []


def test_a_transfer_request_to_my_own_desk_is_refused(client, auth, world):
    auth.login("op.to@example.test")
    client.post("/people/elsewhere/ask-transfer", data={
        "site_id": world["torino"].id, "identifiers": TAX_CODE})
    assert db.session.scalars(select(Notification)).all() == []


@pytest.mark.parametrize("email,roles", [("team.to@example.test", ("team",)),
                                         ("admin@example.test", ("admin",))])
def test_only_who_registers_people_may_ask_for_a_transfer(client, auth, make, world, email,
                                                          roles):
    make.user(email=email, roles=roles, sites=("TO",), teams=("legal",) if "team" in roles
              else (), locale="en")
    auth.login(email)
    response = client.post("/people/elsewhere/ask-transfer", data={
        "site_id": world["cuneo"].id, "identifiers": TAX_CODE})
    assert response.status_code == 403
    assert db.session.scalars(select(Notification)).all() == []
