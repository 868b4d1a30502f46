"""Issue 24, done when: for a demo person whose permit expires in 40 days, the desk operator
prints the renewal sheet in Arabic with the local post office and Questura hours and the
documents to bring; the supervisor sees that Cuneo has no one trained in the ethno-psychiatric
stream."""

from datetime import timedelta

from sqlalchemy import select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.history import TimelineEvent
from desk.models.people import Person
from desk.sampledata.demo import DEMO_PASSWORD, seed_demo


def _renewal_person(today):
    people = db.session.scalars(select(Person).where(Person.family_name == "El Amrani"))
    return next(p for p in people
                if any(d.expiry_date == today + timedelta(days=40) for d in p.documents))


def test_operator_prints_the_arabic_renewal_sheet_and_supervisor_sees_cuneo_gap(
        app, client, auth, now, today):
    seed_demo(people=12, now=now)
    db.session.commit()
    person = _renewal_person(today)
    auth.login("operatore@demo.test", DEMO_PASSWORD)

    # Choosing "documents and permits" at intake offers the renewal sheet with the dates.
    intake = client.post(f"/people/{person.id}/intake",
                         data={"suggest": "1", "needs": ["documents"], "channel": "walk_in"})
    assert 'data-sheet="permit_renewal"' in intake.get_data(as_text=True)
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert f"/people/{person.id}/procedures/permit_renewal" in page

    sheet = client.get(f"/people/{person.id}/procedures/permit_renewal?lang=ar")
    body = sheet.get_data(as_text=True)
    assert sheet.status_code == 200
    assert 'lang="ar" dir="rtl"' in body
    assert f'data-expiry="{(today + timedelta(days=40)).isoformat()}"' in body
    assert "Via Esempio Alfieri 10, 10121 Torino" in body  # the post office of Torino
    assert "08:20–19:05" in body
    assert "Corso Verona 4, 10152 Torino" in body  # the Questura of Torino
    assert "08:30–13:00" in body
    for item in ("passport", "permit", "receipt", "photos", "stamp"):
        assert f'data-item="{item}"' in body

    given = client.post(f"/people/{person.id}/procedures/permit_renewal/give", data={"lang": "ar"})
    assert given.status_code == 302 and "print=1" in given.headers["Location"]
    printed = db.session.scalars(select(AuditLog).where(
        AuditLog.action == "print", AuditLog.person_id == person.id)).all()
    assert [row.detail["procedure_sheet"] for row in printed] == ["permit_renewal"]
    assert printed[0].detail["languages"] == ["ar"]
    case_id = printed[0].detail["case_id"]
    if case_id is not None:
        events = db.session.scalars(select(TimelineEvent).where(
            TimelineEvent.case_id == case_id, TimelineEvent.kind == "procedure_sheet_given"))
        assert [e.payload["sheet"] for e in events] == ["permit_renewal"]

    auth.logout()
    auth.login("supervisore@demo.test", DEMO_PASSWORD)
    record = client.get("/training/").get_data(as_text=True)
    cuneo = record[record.index('data-site="CN"'):]
    torino = record[record.index('data-site="TO"'):record.index('data-site="CN"')]
    assert 'class="flash flash-warning uncovered" data-stream="ethnopsychiatric"' in cuneo
    assert "uncovered" not in torino

    # The Cuneo local parts of the renewal sheet were last checked 200 days ago: flagged.
    library = client.get("/procedures/").get_data(as_text=True)
    renewal = library[library.index('data-sheet="permit_renewal"'):].split("</tr>")[0]
    cells = {cell.split('"')[0]: cell for cell in renewal.split('data-province="')[1:]}
    assert "review-due" in cells["CN"] and "review-due" not in cells["TO"]
