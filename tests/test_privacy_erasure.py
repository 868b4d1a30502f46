"""Erasure by pseudonymisation: the name leaves every page, search and export; the counts the
reports need stay; open cases and legal holds block it; fresh password and typed number."""

from datetime import timedelta

from sqlalchemy import func, select

from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access, AccessNeed, Case, Referral, ReferralNeed
from desk.models.history import Note, NoteTranslation, TimelineEvent
from desk.models.people import Person, PersonLanguage, PersonNameToken
from desk.models.users import LoginSession

from .casework import build_world, tr
from .privacy_world import rich_person

COUNTED = (Person, PersonLanguage, Access, AccessNeed, Case, Referral, ReferralNeed,
           TimelineEvent, Note, NoteTranslation)


def _counts():
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in COUNTED}


def _identifying(rich):
    return ["Alice", "Mbeki", "Алиса", "Мбеки", "+393331234567", "333 123", "RSSMRA80A01H501U",
            "1990-05-17", *rich.texts.values()]


def _pages(rich):
    pid, cid = rich.person.id, rich.case.id
    access = db.session.scalar(select(Access.id).where(Access.person_id == pid))
    return [f"/people/{pid}", f"/cases/{cid}", f"/people/access/{access}/slip",
            f"/privacy/people/{pid}/export", f"/privacy/people/{pid}/export.json",
            "/supervision/cases?status=closed", "/supervision/referrals", "/supervision/accesses",
            "/supervision/cases.csv", "/supervision/referrals.csv", "/supervision/export/all.csv",
            "/teams/legal/queue", "/people/desk"]


def _erase(client, person_id, number=None, basis="request"):
    return client.post(f"/privacy/people/{person_id}/erase",
                       data={"basis": basis, "confirmation": str(number or person_id)})


def test_after_erasure_the_name_is_on_no_page_no_search_no_export(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki",
                        original=("Алиса", "Мбеки"))
    auth.login(world.email("supervisor"))
    searches = ["Alice Mbeki", "Мбеки", "Mbeki", "Alise Mbeki", "+393331234567", "RSSMRA80A01H501U"]
    link = f'href="/people/{alice.person.id}"'
    for q in searches:
        assert link in client.get("/people/search", query_string={"q": q}).get_data(as_text=True)
    assert "Мбеки" in client.get(f"/cases/{alice.case.id}").get_data(as_text=True)
    response = _erase(client, alice.person.id)
    assert response.status_code == 302
    for q in searches:
        page = client.get("/people/search", query_string={"q": q}).get_data(as_text=True)
        assert link not in page, q
    for url in _pages(alice):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        body = response.get_data(as_text=True)
        for text in _identifying(alice):
            assert text not in body, (url, text)
    person_page = client.get(f"/people/{alice.person.id}").get_data(as_text=True)
    assert f"Persona #{alice.person.id}" in person_page
    auth.logout()
    admin = make.user(email="adm@example.test", roles=("admin",), locale="en")
    auth.login(admin.email)
    audit_csv = client.get(f"/admin/audit/export.csv?person={alice.person.id}")
    assert audit_csv.status_code == 200
    for text in _identifying(alice):
        assert text not in audit_csv.get_data(as_text=True)


def test_erasure_keeps_codes_dates_and_counts_for_the_reports(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki")
    auth.login(world.email("supervisor"))
    counts = _counts()
    report = client.get("/supervision/export/all.csv").get_data()
    anonymised = client.get("/supervision/anonymised.csv").get_data()
    assert _erase(client, alice.person.id).status_code == 302
    assert _counts() == counts
    assert client.get("/supervision/export/all.csv").get_data() == report
    assert client.get("/supervision/anonymised.csv").get_data() == anonymised
    person = db.session.get(Person, alice.person.id)
    assert (person.given_name, person.family_name) == ("Persona", f"#{person.id}")
    assert person.birth_date is None and person.birth_year == 1990
    assert person.nationality == "SN" and person.languages == ["fr"]
    assert person.phone is None and person.tax_code is None and person.pseudonymised_at
    assert person.documents[0].number is None and person.documents[0].doc_type
    assert db.session.scalar(select(func.count()).select_from(PersonNameToken)
                             .where(PersonNameToken.person_id == person.id)) == 0
    assert set(db.session.scalars(select(Note.body).where(Note.case_id == alice.case.id))) == {
        "[removed]"}
    access = db.session.scalar(select(Access).where(Access.person_id == person.id))
    assert access.description is None and sorted(access.needs) == ["documents", "health"]
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "pseudonymise"))
    assert row.person_id == person.id and row.detail["basis"] == "request"
    assert row.user_id == world.users["supervisor"].id


def test_an_open_case_blocks_erasure_with_a_clear_message(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki",
                        status="in_progress")
    auth.login(world.email("supervisor"))
    page = client.get(f"/privacy/people/{alice.person.id}/erase").get_data(as_text=True)
    reference = db.session.get(Case, alice.case.id).reference
    assert tr("Case %(reference)s is open: it must be closed before the record can be erased.",
              reference=reference) in page
    response = _erase(client, alice.person.id)
    assert response.status_code == 422
    assert db.session.get(Person, alice.person.id).family_name == "Mbeki"


def test_a_legal_hold_blocks_erasure_until_lifted(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki")
    auth.login(world.email("supervisor"))
    url = f"/privacy/people/{alice.person.id}/legal-hold"
    assert client.post(url, data={"hold": "y", "reason": ""}).status_code == 422
    assert client.post(url, data={"hold": "y", "reason": "Tribunale, proc. 123/2026"}
                       ).status_code == 302
    response = _erase(client, alice.person.id)
    assert response.status_code == 422
    assert tr("The record is under a legal hold: lift the hold first if the reason no longer "
              "applies.") in response.get_data(as_text=True)
    assert db.session.get(Person, alice.person.id).pseudonymised_at is None
    assert client.post(url, data={"reason": ""}).status_code == 302
    assert _erase(client, alice.person.id).status_code == 302
    actions = db.session.scalars(select(AuditLog.action).where(
        AuditLog.person_id == alice.person.id).order_by(AuditLog.id)).all()
    assert actions[-3:] == ["legal_hold_set", "legal_hold_lifted", "pseudonymise"]


def test_erasure_needs_the_typed_record_number(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki")
    auth.login(world.email("supervisor"))
    response = _erase(client, alice.person.id, number=alice.person.id + 1)
    assert response.status_code == 422
    assert tr("That is not the record number shown above.") in response.get_data(as_text=True)
    assert db.session.get(Person, alice.person.id).pseudonymised_at is None


def test_erasure_needs_a_fresh_password_and_a_supervisor(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki")
    auth.login(world.email("desk"))
    assert _erase(client, alice.person.id).status_code == 403
    auth.logout()
    auth.login(world.email("supervisor"))
    for row in db.session.scalars(select(LoginSession)):
        row.fresh_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    response = _erase(client, alice.person.id)
    assert "/auth/reauthenticate" in response.headers["Location"]
    assert db.session.get(Person, alice.person.id).pseudonymised_at is None


def test_show_then_erase_in_two_clicks_from_the_person_page(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki")
    auth.login(world.email("supervisor"))
    page = client.get(f"/people/{alice.person.id}").get_data(as_text=True)
    export_url = f"/privacy/people/{alice.person.id}/export"
    erase_url = f"/privacy/people/{alice.person.id}/erase"
    assert f'href="{export_url}"' in page and f'href="{erase_url}"' in page
    assert alice.texts["note"] in client.get(export_url).get_data(as_text=True)
    assert 'name="confirmation"' in client.get(erase_url).get_data(as_text=True)
    assert _erase(client, alice.person.id).status_code == 302
    assert "Mbeki" not in client.get(f"/people/{alice.person.id}").get_data(as_text=True)
