
"""Merging two records of the same person: nothing lost, the chosen fields kept, the old id
leading to the survivor, refusals with a reason, and all or nothing."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from desk.common.refusals import ActionRefused
from desk.counter.search import search_people
from desk.extensions import db
from desk.identity import merge_services
from desk.identity.merge_forms import FIELD_LABELS
from desk.identity.merge_services import MOVES, merge_people, person_references
from desk.models.attachments import Attachment
from desk.models.audit import AuditLog
from desk.models.cases import Access, Case
from desk.models.directory import Organisation
from desk.models.external_referrals import OrganisationConsent
from desk.models.history import TimelineEvent
from desk.models.merges import PersonMerge
from desk.models.people import Person, PersonLanguage, ResidenceDocument
from desk.models.transfers import CaseTransfer

SUPERVISOR = "capo@example.test"


def _rich_person(make, site, user, case_status="closed", **fields):
    """A person with a row in every table that points to a person."""
    person = make.person(site=site, **fields)
    case = make.case(site=site, person=person, status=case_status)
    organisation = Organisation(province=site.province, name=f"Caritas {person.id}", kind="third_sector")
    db.session.add(organisation)
    db.session.flush()
    db.session.add_all([
        Access(person_id=person.id, site_id=site.id, case_id=case.id, channel="walk_in",
               operator_id=user.id),
        Access(person_id=person.id, site_id=site.id, channel="phone", operator_id=user.id),
        Attachment(person_id=person.id, case_id=case.id, kind="letter", filename="a.pdf",
                   content_type="application/pdf", size=10, sha256=f"{person.id:064d}"),
        OrganisationConsent(person_id=person.id, organisation_id=organisation.id,
                            language="fr"),
        ResidenceDocument(person_id=person.id, doc_type="work_employed",
                          number=f"AB{person.id:06d}"),
        # A transfer asked once and refused: its row follows the person too.
        CaseTransfer(case_id=case.id, person_id=person.id, from_site_id=site.id,
                     to_site_id=make.site("CN").id, reason="Trasloco", status="refused",
                     consent_given_at=datetime(2026, 5, 4, 10), refusal_reason="No"),
    ])
    db.session.commit()
    return person


@pytest.fixture
def world(make):
    site = make.site("TO")
    boss = make.user(SUPERVISOR, roles=("supervisor",), sites=("TO",))
    survivor = _rich_person(make, site, boss, given="Amina", family="Diallo", phone="+39111",
                            languages=("fr", "wo"), case_status="open")
    other = _rich_person(make, site, boss, given="Aminata", family="Diallo", phone="+39222",
                         languages=("fr", "ar"), tax_code="DLLMNT90A41Z343X",
                         birth_date=date(1990, 1, 1))
    return {"site": site, "boss": boss, "survivor": survivor, "other": other}


def _counts(person_id: int) -> dict[str, int]:
    return {f"{table.name}.{column}": db.session.scalar(
        select(func.count()).select_from(table).where(table.c[column] == person_id))
        for table, column in person_references()}


def _snapshot(person_id: int):
    person = db.session.get(Person, person_id)
    fields = {c.name: getattr(person, c.name) for c in Person.__table__.columns}
    return fields, _counts(person_id)


def test_every_table_pointing_to_a_person_is_handled():
    found = {(table.name, column) for table, column in person_references()}
    assert found == set(MOVES), "a table points to person.id: say in MOVES how it merges"


def test_every_compared_field_has_a_label():
    assert set(FIELD_LABELS) == set(merge_services.FIELDS)


def test_merge_moves_every_row(world):
    survivor, other = world["survivor"], world["other"]
    before_survivor, before_other = _counts(survivor.id), _counts(other.id)
    assert all(before_other[key] for key in before_other if not key.startswith("person_merge"))
    other_id = other.id
    merge_people(world["boss"], survivor, other, {})
    db.session.commit()
    after = _counts(survivor.id)
    assert _counts(other_id) == dict.fromkeys(after, 0)
    for key in after:
        if key == "person_language.person_id":  # French on both: kept once
            assert after[key] == 3
        elif key == "person_name_token.person_id":  # rebuilt from the survivor's names
            assert after[key] > 0
        else:  # the tombstone of this merge points to the survivor too
            new = 1 if key == "person_merge.survivor_id" else 0
            assert after[key] == before_survivor[key] + before_other[key] + new, key
    assert db.session.get(Person, other_id) is None
    assert sorted(db.session.get(Person, survivor.id).languages) == ["ar", "fr", "wo"]


def test_field_choices_are_honoured_and_tax_code_moves(world):
    survivor, other = world["survivor"], world["other"]
    merge_people(world["boss"], survivor, other, {"phone": "other", "tax_code": "other",
                                                  "given_name": "survivor", "birth": "other"})
    db.session.commit()
    kept = db.session.get(Person, survivor.id)
    assert (kept.given_name, kept.phone, kept.tax_code, kept.birth_date) == (
        "Amina", "+39222", "DLLMNT90A41Z343X", date(1990, 1, 1))
    tombstone = db.session.scalar(select(PersonMerge))
    assert tombstone.fields_taken["phone"] == "other"
    assert tombstone.fields_taken["given_name"] == "survivor"


def test_merged_record_is_gone_from_search_and_survivor_found_by_its_name(world, app):
    survivor, other = world["survivor"], world["other"]
    merge_people(world["boss"], survivor, other, {"given_name": "other"})
    db.session.commit()
    with app.test_request_context():
        _parsed, hits = search_people(world["boss"], "Aminata Diallo")
    assert [hit.person.id for hit in hits] == [survivor.id]


def test_timeline_and_audit_record_the_merge(world):
    survivor, other = world["survivor"], world["other"]
    other_id = other.id
    merge_people(world["boss"], survivor, other, {})
    db.session.commit()
    open_case = db.session.scalar(select(Case).where(Case.person_id == survivor.id,
                                                     Case.status == "open"))
    kinds = db.session.scalars(select(TimelineEvent.kind).where(
        TimelineEvent.case_id == open_case.id))
    assert "records_merged" in list(kinds)
    rows = list(db.session.scalars(select(AuditLog).where(AuditLog.action == "merge")))
    assert {row.person_id for row in rows} == {survivor.id, other_id}


def test_a_record_merged_earlier_follows_on_to_the_new_survivor(world, make, client, auth):
    survivor, other = world["survivor"], world["other"]
    third = make.person(site=world["site"], given="Amina", family="Dialo")
    third_id, other_id = third.id, other.id
    merge_people(world["boss"], other, third, {})
    merge_people(world["boss"], survivor, db.session.get(Person, other_id), {})
    db.session.commit()
    auth.login(SUPERVISOR)
    response = client.get(f"/people/{third_id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/people/{survivor.id}")


@pytest.mark.parametrize("case", ["self", "site", "open", "hold", "pseudonymised", "role"])
def test_each_refusal_says_why_and_changes_nothing(world, make, case):
    survivor, other, boss = world["survivor"], world["other"], world["boss"]
    expected = {"self": merge_services.SAME_RECORD, "site": merge_services.OTHER_SITE,
                "open": merge_services.BOTH_OPEN, "hold": merge_services.ON_HOLD,
                "pseudonymised": merge_services.PSEUDONYMISED,
                "role": merge_services.NOT_ALLOWED}[case]
    if case == "self":
        other = survivor
    elif case == "site":
        other = make.person(site=make.site("CN"), given="Aminata")
        boss = make.user(roles=("supervisor",), sites=("TO", "CN"))
    elif case == "open":
        make.case(site=world["site"], person=other)
    elif case == "hold":
        other.legal_hold = True
    elif case == "pseudonymised":
        survivor.pseudonymised_at = date(2026, 1, 1)
    elif case == "role":
        boss = make.user(roles=("desk",), sites=("TO",))
    db.session.commit()
    before = [_snapshot(survivor.id), _snapshot(other.id)]
    with pytest.raises(ActionRefused) as refused:
        merge_people(boss, survivor, other, {})
    db.session.rollback()
    assert refused.value.message == expected
    assert [_snapshot(survivor.id), _snapshot(other.id)] == before


def test_a_stale_comparison_is_refused(world):
    survivor, other = world["survivor"], world["other"]
    seen = merge_services.fingerprint(survivor, other)
    other.phone = "+39333"
    db.session.commit()
    with pytest.raises(ActionRefused) as refused:
        merge_people(world["boss"], survivor, other, {}, seen=seen)
    assert refused.value.message == merge_services.STALE


def test_a_failure_midway_leaves_both_records_as_they_were(world, monkeypatch):
    survivor, other = world["survivor"], world["other"]
    survivor_id, other_id = survivor.id, other.id
    before = [_snapshot(survivor_id), _snapshot(other_id)]
    real_move = merge_services._move_rows

    def move_then_fail(*args):
        real_move(*args)
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge_services, "_move_rows", move_then_fail)
    with pytest.raises(RuntimeError):
        merge_people(world["boss"], survivor, other, {"phone": "other", "tax_code": "other"})
    db.session.rollback()
    assert [_snapshot(survivor_id), _snapshot(other_id)] == before
    assert db.session.scalar(select(func.count()).select_from(PersonMerge)) == 0


# --- the pages ----------------------------------------------------------------------------------


def _compare_url(world):
    return f"/people/{world['survivor'].id}/merge/{world['other'].id}"


def test_merge_through_the_pages(world, client, auth):
    survivor, other = world["survivor"], world["other"]
    survivor_id, other_id = survivor.id, other.id
    auth.login(SUPERVISOR)
    page = client.get(f"/people/{survivor_id}")
    assert f"/people/{survivor_id}/merge".encode() in page.data
    found = client.get(f"/people/{survivor_id}/merge?q=aminata")
    assert found.status_code == 200 and _compare_url(world).encode() in found.data
    compare = client.get(_compare_url(world))
    assert compare.status_code == 200
    assert b"+39222" in compare.data and b"+39111" in compare.data
    viewed = db.session.scalars(select(AuditLog.person_id).where(
        AuditLog.action == "view", AuditLog.detail["merge_compare"].isnot(None)))
    assert set(viewed) == {survivor_id, other_id}
    seen = merge_services.fingerprint(survivor, other)
    unconfirmed = client.post(_compare_url(world), data={"seen": seen, "phone": "other"})
    assert unconfirmed.status_code == 422 and db.session.get(Person, other_id) is not None
    kept = {"given_name": "survivor", "birth": "survivor", "tax_code": "survivor"}
    done = client.post(_compare_url(world), data={"seen": seen, "phone": "other",
                                                  "confirm": "y", **kept})
    assert done.status_code == 302, done.data.decode()
    assert db.session.get(Person, other_id) is None
    assert db.session.get(Person, survivor_id).phone == "+39222"
    redirect = client.get(f"/people/{other_id}")
    assert redirect.status_code == 302
    assert redirect.headers["Location"].endswith(f"/people/{survivor_id}")


def test_a_refused_merge_page_says_why(world, make, client, auth):
    make.case(site=world["site"], person=world["other"])
    auth.login(SUPERVISOR)
    seen = merge_services.fingerprint(world["survivor"], world["other"])
    response = client.post(_compare_url(world), data={
        "seen": seen, "confirm": "y", "given_name": "survivor", "birth": "survivor",
        "tax_code": "survivor", "phone": "survivor"})
    assert response.status_code == 422
    assert str(merge_services.BOTH_OPEN).encode() in response.data.replace(b"&#39;", b"'")
    assert db.session.get(Person, world["other"].id) is not None


def test_a_self_merge_page_is_refused_with_the_reason(world, client, auth):
    survivor_id = world["survivor"].id
    auth.login(SUPERVISOR)
    response = client.post(f"/people/{survivor_id}/merge/{survivor_id}", data={"confirm": "y"})
    assert response.status_code == 422
    assert db.session.get(Person, survivor_id) is not None


@pytest.mark.parametrize("who", ["desk", "team", "other_site_supervisor", "admin"])
@pytest.mark.parametrize("method,path", [
    ("get", "/people/{s}/merge"), ("get", "/people/{s}/merge/{o}"),
    ("post", "/people/{s}/merge/{o}")])
def test_who_may_not_merge_gets_403_or_404(world, make, client, auth, who, method, path):
    roles, sites = {"desk": (("desk",), ("TO",)), "team": (("team",), ("TO",)),
                    "other_site_supervisor": (("supervisor",), ("CN",)),
                    "admin": (("admin",), ("TO",))}[who]
    user = make.user(roles=roles, sites=sites, teams=("social",) if who == "team" else ())
    auth.login(user.email)
    url = path.format(s=world["survivor"].id, o=world["other"].id)
    response = getattr(client, method)(url, data={"confirm": "y"})
    assert response.status_code in (403, 404)
    assert db.session.get(Person, world["other"].id) is not None


def test_the_old_id_is_404_for_who_cannot_see_the_survivor(world, make, client, auth):
    other_id = world["other"].id
    merge_people(world["boss"], world["survivor"], world["other"], {})
    db.session.commit()
    make.user("cuneo@example.test", roles=("supervisor",), sites=("CN",))
    auth.login("cuneo@example.test")
    assert client.get(f"/people/{other_id}").status_code == 404


def test_languages_of_both_records_are_kept_once(world):
    merge_people(world["boss"], world["survivor"], world["other"], {})
    db.session.commit()
    rows = db.session.scalars(select(PersonLanguage.language).where(
        PersonLanguage.person_id == world["survivor"].id))
    assert sorted(rows) == ["ar", "fr", "wo"]


def test_the_next_person_registered_never_takes_a_merged_records_id(world, make, client, auth):
    # `other` is the last person registered: SQLite without AUTOINCREMENT would hand its id
    # to the next registration, and the old link would open a stranger's record.
    survivor, other = world["survivor"], world["other"]
    other_id = other.id
    assert other_id == db.session.scalar(select(func.max(Person.id)))
    merge_people(world["boss"], survivor, other, {})
    db.session.commit()
    newcomer = make.person(site=world["site"], given="Yusuf", family="Kone")
    assert newcomer.id > other_id
    auth.login(SUPERVISOR)
    response = client.get(f"/people/{other_id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/people/{survivor.id}")


def test_generated_people_never_take_a_merged_records_id(world, app):
    from desk.sampledata.generate import generate

    other_id = world["other"].id
    merge_people(world["boss"], world["survivor"], world["other"], {})
    db.session.commit()
    generate(3, 5, ["TO"], None, batch_size=3)
    assert db.session.scalar(select(func.min(Person.id)).where(Person.id > world["survivor"].id)) > other_id


def test_the_merge_page_suggests_the_records_that_may_be_the_same_person(make, client, auth):
    """Registered twice (the second time with “register anyway”): the supervisor opening the
    merge page of one is offered the other, not an unrelated person nor one of another desk."""
    site = make.site("TO")
    make.user(SUPERVISOR, roles=("supervisor",), sites=("TO",))
    first = make.person(site=site, given="Fatima", family="Benali", birth_year=1985)
    twin = make.person(site=site, given="Fatima", family="Benali", birth_year=1986)
    unrelated = make.person(site=site, given="Marco", family="Rossi", birth_year=1985)
    elsewhere = make.person(site=make.site("CN"), given="Fatima", family="Benali",
                            birth_year=1985)
    first_id, twin_id = first.id, twin.id
    auth.login(SUPERVISOR)
    page = client.get(f"/people/{first_id}/merge")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f"/people/{first_id}/merge/{twin_id}" in html
    assert f"/people/{first_id}/merge/{unrelated.id}" not in html and "Rossi" not in html
    assert f"/merge/{elsewhere.id}" not in html
    assert f"/people/{first_id}/merge/{first_id}" not in html
    audited = {row.person_id for row in db.session.scalars(
        select(AuditLog).where(AuditLog.action == "view"))
        if (row.detail or {}).get("merge_candidate_for") == first_id}
    assert audited == {twin_id}
    # A search replaces the suggestions with what it finds.
    searched = client.get(f"/people/{first_id}/merge?q=rossi").get_data(as_text=True)
    assert f"/merge/{unrelated.id}" in searched and f"/merge/{twin_id}\"" not in searched
