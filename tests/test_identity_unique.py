"""Strong identifiers are unique across every site: one codice fiscale, one document (type and
number) per person. The form says so in words; the database refuses a second holder even when
two operators send the same tax code at the same moment."""

import re
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desk.extensions import db
from desk.models.people import Person, ResidenceDocument

from .apiwork import ApiCaller, token_for
from .conftest import IsolatedClient

TAX_CODE = "RSSMRA85T10A562S"
TAKEN = "already belongs to another person"


@pytest.fixture
def desks(make):
    torino = make.site("TO", name="Torino Spazio Comune")
    cuneo = make.site("CN", name="Cuneo Sportello")
    make.user(email="op.to@example.test", roles=("desk",), sites=("TO",), locale="en")
    make.user(email="op.cn@example.test", roles=("desk",), sites=("CN",), locale="en")
    return torino, cuneo


def _token(client):
    html = client.get("/people/new").get_data(as_text=True)
    return re.search(r'name="form_token" type="hidden" value="([^"]+)"', html).group(1)


def _register(client, **fields):
    data = {"form_token": _token(client), "given_name": "Ana", "family_name": "Pop",
            "sex": "F", "privacy_notice_given": "y", "notice_language": "it"}
    data.update(fields)
    return client.post("/people/new", data=data)


def _holders(tax_code=TAX_CODE):
    return db.session.scalar(select(func.count()).select_from(Person)
                             .where(Person.tax_code == tax_code))


def test_a_tax_code_held_at_another_desk_is_refused_naming_that_desk_only(client, auth, make,
                                                                       desks):
    _torino, cuneo = desks
    make.person(site=cuneo, given="Yusuf", family="Haddad", tax_code=TAX_CODE)
    auth.login("op.to@example.test")
    response = _register(client, given_name="Marta", family_name="Rossi", tax_code=TAX_CODE)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert TAKEN in html and "Cuneo Sportello" in html
    assert "Yusuf" not in html and "Haddad" not in html
    assert _holders() == 1


def test_a_tax_code_held_at_my_desk_links_to_its_holder(client, auth, make, desks):
    torino, _cuneo = desks
    holder = make.person(site=torino, given="Yusuf", family="Haddad", tax_code=TAX_CODE)
    auth.login("op.to@example.test")
    html = _register(client, given_name="Marta", family_name="Rossi",
                     tax_code=TAX_CODE.lower()).get_data(as_text=True)
    assert f"/people/{holder.id}" in html and TAKEN in html
    assert _holders() == 1


def test_correcting_a_record_to_a_taken_tax_code_is_refused(client, auth, make, desks):
    torino, cuneo = desks
    make.person(site=cuneo, tax_code=TAX_CODE)
    mine = make.person(site=torino, given="Marta", family="Rossi")
    auth.login("op.to@example.test")
    response = client.post(f"/people/{mine.id}/edit", data={
        "given_name": "Marta", "family_name": "Rossi", "sex": "F", "tax_code": TAX_CODE})
    assert response.status_code == 422 and TAKEN in response.get_data(as_text=True)
    assert db.session.get(Person, mine.id).tax_code is None
    # Keeping one's own tax code is no clash.
    db.session.get(Person, mine.id).tax_code = "VRDLGU80A01L219I"
    db.session.commit()
    response = client.post(f"/people/{mine.id}/edit", data={
        "given_name": "Marta", "family_name": "Rossi", "sex": "F",
        "tax_code": "VRDLGU80A01L219I"})
    assert response.status_code == 302


def test_one_document_type_and_number_per_person(client, auth, make, desks):
    _torino, cuneo = desks
    other = make.person(site=cuneo)
    db.session.add(ResidenceDocument(person_id=other.id, doc_type="family", number="AB1234567"))
    db.session.commit()
    auth.login("op.to@example.test")
    response = _register(client, doc_type="family", doc_number="ab 123 4567")
    assert response.status_code == 422 and "This document" in response.get_data(as_text=True)
    # The same number on another kind of document is another document (the notice that the
    # number is known at another desk is confirmed, as for any similar person).
    assert _register(client, doc_type="passport_only", doc_number="AB1234567",
                     register_anyway="y").status_code == 302


def test_a_document_added_from_the_case_page_is_checked_too(client, auth, make, desks):
    torino, cuneo = desks
    other = make.person(site=cuneo)
    db.session.add(ResidenceDocument(person_id=other.id, doc_type="family", number="AB1234567"))
    case = make.case(site=torino)
    auth.login("op.to@example.test")
    html = client.get(f"/cases/{case.id}/documents/new").get_data(as_text=True)
    form_token = re.search(r'name="form_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post(f"/cases/{case.id}/documents/new", data={
        "form_token": form_token, "doc_type": "family", "number": "AB1234567"})
    assert response.status_code == 422 and "This document" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ResidenceDocument)) == 1


def test_the_database_itself_refuses_a_second_holder(app, make, desks):
    _torino, cuneo = desks
    make.person(site=cuneo, tax_code=TAX_CODE)
    with pytest.raises(IntegrityError):
        make.person(site=cuneo, given="Other", family="Person", tax_code=TAX_CODE)
    db.session.rollback()
    person = make.person(site=cuneo, given="Third", family="Person")
    db.session.add_all([ResidenceDocument(person_id=person.id, doc_type="none"),
                        ResidenceDocument(person_id=person.id, doc_type="none")])
    db.session.commit()  # documents without a number are not identifiers


def test_a_clash_found_only_by_the_index_is_a_message_not_an_error(client, auth, make, desks,
                                                                   monkeypatch):
    """The twin that committed between our check and our insert: the unique index refuses the
    row, and the transaction helper turns that into the form's message."""
    _torino, cuneo = desks
    make.person(site=cuneo, tax_code=TAX_CODE)
    from desk.counter import register_views, services
    monkeypatch.setattr(register_views, "identifier_clashes", lambda *a, **k: [])
    monkeypatch.setattr(services, "refuse_taken_identifiers", lambda *a, **k: None)
    auth.login("op.to@example.test")
    response = _register(client, tax_code=TAX_CODE, register_anyway="y")
    assert response.status_code == 422 and TAKEN in response.get_data(as_text=True)
    assert _holders() == 1


def test_the_api_refuses_a_taken_tax_code(client, make, desks):
    _torino, cuneo = desks
    make.person(site=cuneo, given="Yusuf", family="Haddad", tax_code=TAX_CODE)
    user = make.user(email="api.to@example.test", roles=("desk",), sites=("TO",), locale="en")
    api = ApiCaller(client, token_for(user), locale="en")
    response = api.post("/people", json={"given_name": "Marta", "family_name": "Rossi",
                                         "tax_code": TAX_CODE, "privacy_notice_given": True})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and TAKEN in body
    assert "Haddad" not in body and "Yusuf" not in body
    assert _holders() == 1


def test_two_concurrent_registrations_of_one_tax_code_one_wins(app, auth, make, desks):
    """Two operators, at two desks, register the same tax code at the same moment: exactly
    one person is saved, the other operator gets the message (never an error page)."""
    from .conftest import AuthActions

    app.test_client_class = IsolatedClient
    clients = []
    for email in ("op.to@example.test", "op.cn@example.test"):
        client = app.test_client()
        AuthActions(client).login(email)
        clients.append((client, _token(client)))
    barrier = threading.Barrier(len(clients))
    results: list = []

    def send(client, form_token):
        with app.app_context():
            barrier.wait(timeout=10)
            response = client.post("/people/new", data={
                "form_token": form_token, "given_name": "Ana", "family_name": "Pop",
                "sex": "F", "privacy_notice_given": "y", "notice_language": "it",
                "tax_code": TAX_CODE})
            results.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=send, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(status for status, _html in results) == [302, 422]
    assert TAKEN in next(html for status, html in results if status == 422)
    db.session.expire_all()
    assert _holders() == 1
