"""Procedure sheets and the training record: who may see and change what, the six-month
review flag, a territory's local parts audited, bad input refused, the XLSX export."""

import io
from datetime import date, timedelta

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook
from sqlalchemy import select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.directory import Service
from desk.models.procedures import ProcedureLocal, review_due
from desk.models.training import Training
from desk.network.directory_services import ServiceData, create_service
from desk.vocab.training import STREAMS


@pytest.fixture
def desk(make):
    site = make.site("TO")
    other = make.site("CN")
    users = {
        "desk": make.user("desk@example.test", roles=("desk",), sites=("TO",)),
        "team": make.user("team@example.test", roles=("team",), sites=("TO",), teams=("legal",)),
        "supervisor": make.user("sup@example.test", roles=("supervisor",), sites=("TO",)),
        "admin": make.user("admin@example.test", roles=("admin",), sites=("TO",)),
        "partner": make.user("partner@example.test", roles=("partner",), sites=()),
        "other_sup": make.user("sup.cn@example.test", roles=("supervisor",), sites=("CN",)),
    }
    post = create_service(None, "TO", ServiceData(
        organisation="Poste Italiane", kind="public", name="Sportello Amico",
        address="Via Prova 1, Torino", access_mode="walk_in", needs=["documents"]))
    foreign = create_service(None, "CN", ServiceData(
        organisation="Poste Cuneo", kind="public", name="Sportello Amico CN",
        address="Via Prova 2, Cuneo", access_mode="walk_in", needs=["documents"]))
    person = make.person(site=site)
    db.session.commit()
    return {"site": site, "other": other, "users": users, "post": post.id,
            "foreign": foreign.id, "person": person.id}


def _login(auth, email):
    auth.login(email)


@pytest.mark.parametrize("role,library,manage,person,training", [
    ("desk", 200, 403, 200, 403),
    ("team", 200, 403, 404, 403),  # a person not referred to the team
    ("supervisor", 200, 200, 200, 200),
    ("admin", 200, 200, 404, 403),
    ("partner", 403, 403, 404, 403),
])
def test_each_role_reaches_what_it_may(desk, auth, client, role, library, manage, person,
                                       training):
    _login(auth, desk["users"][role].email)
    assert client.get("/procedures/").status_code == library
    assert client.get("/procedures/permit_renewal/local/TO").status_code in (
        manage, 404 if manage == 403 and role == "partner" else manage)
    assert client.post("/procedures/permit_renewal/review").status_code in (manage, 302)
    assert client.get(f"/people/{desk['person']}/procedures/permit_renewal").status_code == person
    assert client.get("/training/").status_code == training
    assert client.get("/training/new").status_code == training
    assert client.get("/training/coverage.xlsx").status_code == training


def test_another_territory_and_unknown_sheets_are_not_found(desk, auth, client):
    _login(auth, desk["users"]["supervisor"].email)
    assert client.get("/procedures/permit_renewal/local/CN").status_code == 404
    assert client.get("/procedures/permit_renewal?province=CN").status_code == 404
    assert client.get("/procedures/nonsense").status_code == 404
    assert client.get(f"/people/{desk['person']}/procedures/nonsense").status_code == 404
    auth.logout()
    _login(auth, desk["users"]["other_sup"].email)
    assert client.get(f"/people/{desk['person']}/procedures/permit_renewal").status_code == 404


def test_a_sheet_is_flagged_six_months_after_its_review():
    assert review_due(None, date(2026, 6, 1))
    assert not review_due(date(2026, 1, 31), date(2026, 7, 30))
    assert review_due(date(2026, 1, 31), date(2026, 7, 31))
    assert review_due(date(2025, 8, 31), date(2026, 2, 28))  # no 31 February: its last day


def test_supervisor_edits_local_parts_and_the_change_is_audited(desk, auth, client, today):
    _login(auth, desk["users"]["supervisor"].email)
    form = {"service_post": desk["post"], "waiting_questura": "25",
            "note_collect": "Solo su appuntamento", "reviewed": "y"}
    assert client.post("/procedures/permit_renewal/local/TO", data=form).status_code == 302
    local = db.session.scalar(select(ProcedureLocal).where(ProcedureLocal.province == "TO"))
    assert local.reviewed_on == today
    assert local.step("post").service_id == desk["post"]
    assert local.step("questura").waiting_days == 25
    row = db.session.scalar(select(AuditLog).where(AuditLog.object_type == "procedure_local"))
    assert row.action == "create" and row.detail["sheet"] == "permit_renewal"
    page = client.get("/procedures/").get_data(as_text=True)
    renewal = page[page.index('data-sheet="permit_renewal"'):].split("</tr>")[0]
    assert 'data-province="TO">' in renewal
    local_cell = renewal[renewal.index('data-province="TO"'):]
    assert "review-due" not in local_cell


@pytest.mark.parametrize("field,value", [
    ("service_post", "FOREIGN"), ("waiting_questura", "-3"), ("waiting_questura", "abc"),
    ("waiting_questura", "99999"), ("note_collect", "x" * 501), ("service_post", "999999"),
])
def test_bad_local_parts_are_refused_and_nothing_is_written(desk, auth, client, field, value):
    _login(auth, desk["users"]["supervisor"].email)
    value = str(desk["foreign"]) if value == "FOREIGN" else value
    response = client.post("/procedures/permit_renewal/local/TO", data={field: value})
    assert response.status_code == 422
    assert db.session.scalar(select(ProcedureLocal)) is None


def test_supervisor_records_a_training_and_exports_the_coverage(desk, auth, client):
    _login(auth, desk["users"]["supervisor"].email)
    team = desk["users"]["team"]
    form = {"site": desk["site"].id, "title": "Etnopsichiatria", "stream": "ethnopsychiatric",
            "held_on": "2026-05-04", "hours": "7.5", "provider": "Centro Fanon",
            "attendees": [team.id]}
    page = client.get("/training/new").get_data(as_text=True)
    form["form_token"] = page.split('name="form_token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/training/new", data=form).status_code == 302
    training = db.session.scalar(select(Training))
    assert [u.id for u in training.attendees] == [team.id]
    export = client.get("/training/coverage.xlsx")
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.data))
    header, whole = list(book.worksheets[0].iter_rows(values_only=True))[:2]
    with force_locale(desk["users"]["supervisor"].locale or "it"):  # the reader's language
        stream = str(STREAMS["ethnopsychiatric"])
    assert whole[header.index(stream)] == 1
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "export",
                                                    AuditLog.object_type == "training"))


@pytest.mark.parametrize("change", [{"hours": "0"}, {"hours": "abc"}, {"stream": "magic"},
                                    {"title": ""}, {"attendees": []}, {"held_on": "3000-01-01"}])
def test_a_bad_training_is_refused_next_to_its_field(desk, auth, client, change):
    _login(auth, desk["users"]["supervisor"].email)
    form = {"site": desk["site"].id, "title": "Corso", "stream": "mediation_role",
            "held_on": "2026-05-04", "hours": "3", "provider": "Regione",
            "attendees": [desk["users"]["desk"].id], **change}
    assert client.post("/training/new", data=form).status_code == 422
    assert db.session.scalar(select(Training)) is None


def test_a_person_of_another_desk_cannot_be_marked_as_attendee(desk, auth, client, make):
    cuneo = make.user("cn@example.test", roles=("desk",), sites=("CN",))
    db.session.commit()
    _login(auth, desk["users"]["supervisor"].email)
    form = {"site": desk["site"].id, "title": "Corso", "stream": "mediation_role",
            "held_on": "2026-05-04", "hours": "3", "provider": "Regione",
            "attendees": [cuneo.id]}
    assert client.post("/training/new", data=form).status_code == 422
    assert db.session.scalar(select(Training)) is None


def test_the_sheet_shown_for_a_person_is_audited(desk, auth, client, make, today):
    person = db.session.get(__import__("desk.models.people", fromlist=["Person"]).Person,
                            desk["person"])
    from desk.models.people import ResidenceDocument

    person.documents.append(ResidenceDocument(doc_type="study", number="AB1234567",
                                              expiry_date=today + timedelta(days=10)))
    db.session.commit()
    _login(auth, desk["users"]["desk"].email)
    body = client.get(f"/people/{person.id}/procedures/permit_renewal?lang=en").get_data(
        as_text=True)
    assert "Request the renewal now" in body  # 10 days left: the 60 days before have passed
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "view",
                                                   AuditLog.person_id == person.id))
    assert row.detail["procedure_sheet"] == "permit_renewal"
    assert db.session.scalar(select(Service.id)) is not None


def test_a_sheet_given_shows_on_the_case_timeline_in_the_readers_locale(desk, auth, client, make):
    from desk.models.history import TimelineEvent
    from desk.models.people import Person

    reader = make.user("reader@example.test", roles=("desk",), sites=("TO",), locale="en")
    person = db.session.get(Person, desk["person"])
    case = make.case(site=desk["site"], person=person, status="in_progress")
    db.session.commit()
    _login(auth, reader.email)
    response = client.post(f"/people/{person.id}/procedures/isee/give", data={"lang": "fr"})
    assert response.status_code == 302 and "lang=fr" in response.headers["Location"]
    event = db.session.scalar(select(TimelineEvent).where(
        TimelineEvent.case_id == case.id, TimelineEvent.kind == "procedure_sheet_given"))
    assert event.payload == {"sheet": "isee", "language": ["fr"]}
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Procedure sheet given" in page
    assert "Getting the ISEE (household income and assets)" in page


def test_intake_for_documents_offers_the_sheets_with_the_persons_dates(desk, auth, client, today):
    from desk.models.people import Person, ResidenceDocument

    person = db.session.get(Person, desk["person"])
    person.documents.append(ResidenceDocument(doc_type="work_employed", number="ZZ1234567",
                                              expiry_date=today + timedelta(days=90)))
    db.session.commit()
    _login(auth, desk["users"]["desk"].email)
    body = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert 'data-sheet="permit_renewal"' not in body  # 90 days left: nothing to renew yet
    offer = client.post(f"/people/{person.id}/intake",
                        data={"suggest": "1", "needs": ["documents"]}).get_data(as_text=True)
    assert 'data-sheet="permit_renewal"' in offer and 'data-sheet="tax_code"' in offer
    assert offer.index('data-sheet="permit_renewal"') < offer.index('data-sheet="tax_code"')
    sheet = client.get(f"/people/{person.id}/procedures/permit_renewal?lang=en")
    assert f'data-expiry="{(today + timedelta(days=90)).isoformat()}"' in sheet.get_data(
        as_text=True)
    health = client.post(f"/people/{person.id}/intake",
                         data={"suggest": "1", "needs": ["health"]}).get_data(as_text=True)
    assert 'data-sheet="health_registration"' in health
    assert 'data-sheet="permit_renewal"' not in health
