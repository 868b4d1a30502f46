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
from .conftest import PG_URL, IsolatedClient

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


@pytest.mark.skipif(bool(PG_URL), reason="a SQLite file database of its own")
def test_the_migration_refuses_a_database_where_two_people_share_a_tax_code(tmp_path,
                                                                             monkeypatch,
                                                                             capfd):
    """Upgrading over duplicates would fail half-way on the unique index: the migration says
    first what to do (merge the records, or correct the identifier)."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from desk import create_app

    from .test_ops_migrations import MIGRATIONS

    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"CONFIG": "testing",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'dup.sqlite'}"})
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision="5d1e0a7c2b91")
        db.session.execute(text("INSERT INTO site (id, code, name, province, territory, "
                                "timezone) VALUES (1, 'TO', 'Torino', 'TO', 'Torino', 'UTC')"))
        for n in (1, 2):
            db.session.execute(text(
                "INSERT INTO person (id, site_id, given_name, family_name, name_key, sex, "
                "interpreter_needed, tax_code, created_at, legal_hold) VALUES "
                f"({n}, 1, 'A', 'B', 'a b', 'U', 0, '{TAX_CODE}', '2026-01-01', 0)"))
        db.session.commit()
        with pytest.raises(SystemExit):  # Flask-Migrate logs the error and exits
            upgrade(directory=MIGRATIONS)
        assert "1 tax codes belong to more than one person: merge" in capfd.readouterr().err
        db.session.rollback()
        assert db.session.execute(text("SELECT count(*) FROM person")).scalar() == 2
        db.session.remove()
        db.engine.dispose()
