"""Registering a person: every field checked, duplicates shown before saving."""

import re

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.people import Consent, Person, PersonNameToken


@pytest.fixture
def operator(make, auth):
    user = make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    return user


def token(client):
    html = client.get("/people/new").get_data(as_text=True)
    return re.search(r'name="form_token" type="hidden" value="([^"]+)"', html).group(1)


def register(client, **fields):
    data = {"form_token": token(client), "given_name": "Ana", "family_name": "Pop", "sex": "F",
            "privacy_notice_given": "y", "notice_language": "it"}
    data.update(fields)
    return client.post("/people/new", data=data)


def people():
    return db.session.scalar(select(func.count()).select_from(Person))


def test_register_with_every_field(client, operator):
    response = register(
        client, given_name="Thi Lan", family_name="Nguyễn", birth="05/11/1990",
        nationality="VN", languages=["fr", "en"], preferred_language="en",
        phone="+84 91 234 56 78", tax_code="rssmra85t10a562s", doc_type="family",
        doc_number="ab 123 4567", doc_expiry="31/12/2027", privacy_notice_given="y",
        share_consent="y", notice_language="en")
    assert response.status_code == 302, response.get_data(as_text=True)
    person = db.session.scalar(select(Person))
    assert person.birth_year == 1990 and person.birth_date.isoformat() == "1990-11-05"
    assert person.tax_code == "RSSMRA85T10A562S"
    assert person.phone == "+84912345678"
    assert person.documents[0].number == "AB1234567"
    assert set(person.languages) == {"fr", "en"}
    assert {c.purpose for c in db.session.scalars(select(Consent))} == {
        "privacy_notice", "share_with_services"}
    assert db.session.scalar(select(func.count()).select_from(PersonNameToken)) > 0


def test_year_only_birth_is_accepted(client, operator):
    assert register(client, birth="1987").status_code == 302
    person = db.session.scalar(select(Person))
    assert person.birth_year == 1987 and person.birth_date is None


@pytest.mark.parametrize("field,value,message", [
    ("birth", "31/02/1990", "not a day in the calendar"),
    ("birth", "2999", "cannot be in the future"),
    ("birth", "01/01/2999", "cannot be in the future"),
    ("birth", "1850", "1900 or later"),
    ("birth", "ieri", "dd/mm/yyyy"),
    ("phone", "12", "not a valid phone number"),
    ("phone", "📞📞📞", "not a valid phone number"),
    ("phone", "9" * 40, "too long"),
    ("tax_code", "RSSMRA85T10A562X", "not valid"),
    ("doc_number", "A", "3 to 40"),
    ("doc_expiry", "30/02/2027", "dd/mm/yyyy"),
    ("given_name", "", "Write the given name"),
    ("given_name", "محمد", "Latin letters"),
    ("family_name", "Ali 😀", "Latin letters"),
    ("family_name", "x" * 500, "At most 120"),
    ("given_name_original", "محمد 😀", "only letters"),
    ("nationality", "XX", None),
    ("sex", "Q", None),
])
def test_each_field_is_checked_and_input_kept(client, operator, field, value, message):
    fields = {"family_name": "Kept", field: value}
    response = register(client, **fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    if message:
        assert message in html
    if field != "family_name":
        assert 'value="Kept"' in html
    assert people() == 0


def test_document_number_needs_a_type(client, operator):
    response = register(client, doc_number="AB1234567")
    assert response.status_code == 422
    assert "type of document" in response.get_data(as_text=True)


def test_original_script_names_are_welcome(client, operator):
    response = register(client, given_name_original="মোহাম্মদ", family_name_original="রহমান")
    assert response.status_code == 302


def test_likely_duplicate_is_shown_and_needs_confirmation(client, make, operator):
    make.person(site=make.site("TO"), given="Mohamed", family="Ali", birth_year=1990)
    response = register(client, given_name="Muhammad", family_name="Ali", birth="1990")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Is it one of these people?" in html and "Mohamed" in html
    assert "register anyway" in html
    assert people() == 1
    confirmed = register(client, given_name="Muhammad", family_name="Ali", birth="1990",
                         register_anyway="y")
    assert confirmed.status_code == 302
    assert people() == 2


def test_same_phone_is_a_likely_duplicate(client, make, operator):
    make.person(site=make.site("TO"), given="Jean", family="Kouassi", phone="+393331234567")
    response = register(client, given_name="Giovanni", family_name="Rossi", phone="3331234567")
    assert response.status_code == 422
    assert "Kouassi" in response.get_data(as_text=True)


def test_different_birth_year_is_not_a_duplicate(client, make, operator):
    make.person(site=make.site("TO"), given="Mohamed", family="Ali", birth_year=1960)
    assert register(client, given_name="Mohamed", family_name="Ali", birth="1995").status_code == 302


def test_edit_keeps_search_index_current(client, make, operator):
    from desk.counter.search import search_people

    person = make.person(site=make.site("TO"), given="Ana", family="Pop")
    response = client.post(f"/people/{person.id}/edit", data={
        "given_name": "Oksana", "family_name": "Shevchenko", "sex": "F", "birth": "1990"})
    assert response.status_code == 302, response.get_data(as_text=True)
    _, hits = search_people(operator, "Shevchenko")
    assert [h.person.id for h in hits] == [person.id]
    _, hits = search_people(operator, "Pop")
    assert hits == []


def test_person_page_is_audited_and_records_consent(client, make, operator):
    from desk.models.audit import AuditLog

    person = make.person(site=make.site("TO"), consent=False)
    page = client.get(f"/people/{person.id}")
    assert page.status_code == 200
    assert "No consent to share data" in page.get_data(as_text=True)
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "view",
                                                     AuditLog.person_id == person.id))
    refused = client.post(f"/people/{person.id}/consent", data={"language": "fr"})
    assert refused.status_code == 422
    response = client.post(f"/people/{person.id}/consent",
                           data={"purposes": ["share_with_services"], "language": "fr"})
    assert response.status_code == 302
    assert db.session.scalar(select(Consent.purpose)) == "share_with_services"


def test_privacy_notice_falls_back_to_italian_and_english(client, make, operator):
    person = make.person(site=make.site("TO"), languages=("wo",))  # Wolof: no catalogue
    page = client.get(f"/people/{person.id}/privacy-notice")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'lang="it"' in html and 'lang="en"' in html
    assert "How we use your personal data" in html


def test_registration_needs_the_privacy_notice_given(make, auth, client):
    make.user(email="op@example.test", roles=("desk",))
    auth.login("op@example.test")
    response = register(client, privacy_notice_given="")
    assert response.status_code == 422
    assert "GDPR" in response.get_data(as_text=True) or "art. 13" in response.get_data(as_text=True)
    assert people() == 0
