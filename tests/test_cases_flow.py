"""The whole story of issue 4, through the web pages, as the people at the desk live it."""

from datetime import timedelta

from sqlalchemy import select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Case, Referral
from desk.models.history import Note, NoteTranslation, TimelineEvent
from desk.models.plan import Appointment

from .casework import build_world, referral_of, tr

TEAM_SECRET = "Diagnosi riservata: terapia in corso"


def kinds(case_id):
    return db.session.scalars(select(TimelineEvent.kind).where(TimelineEvent.case_id == case_id)
                              .order_by(TimelineEvent.id)).all()


def test_legal_worker_mediator_and_health_team_work_one_case_to_its_close(make, auth, client, today):
    w = build_world(make, referrals=("legal", "mediation", "health"))
    case_id = w.case.id
    legal = referral_of(w.case, "legal")

    # The legal worker accepts the referral from the queue, assigning it to herself.
    auth.login(w.email("legal"))
    queue = client.get("/teams/legal/queue")
    assert queue.status_code == 200 and "Yusuf Haddad" in queue.get_data(as_text=True)
    response = client.post(f"/referrals/{legal.id}/accept", data={
        "assignee": w.users["legal"].id, "version": legal.version, "next": "/teams/legal/queue"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/teams/legal/queue")
    referral = db.session.get(Referral, legal.id)
    assert (referral.status, referral.assignee_id) == ("accepted", w.users["legal"].id)
    assert db.session.get(Case, case_id).status == "in_progress"

    # ... books an appointment with an Arabic interpreter ...
    day = today + timedelta(days=3)
    response = client.post(f"/cases/{case_id}/appointments/new", data={
        "team": w.team("legal").id, "day": day.isoformat(), "time": "10:30", "duration": 45,
        "place": "Sala 2", "interpreter_language": "ar"})
    assert response.status_code == 302
    appointment = db.session.scalar(select(Appointment))
    assert appointment.interpreter_language == "ar"
    diary = client.get(f"/teams/appointments?team={w.team('legal').id}&day={day}&span=day")
    assert "Yusuf Haddad" in diary.get_data(as_text=True)

    # ... and writes a note in Italian for everybody.
    response = client.post(f"/cases/{case_id}/notes", data={
        "body": "Permesso scaduto, serve rinnovo.", "language": "it", "visibility": "all"})
    assert response.status_code == 302
    note = db.session.scalar(select(Note))
    assert (note.language, note.visibility) == ("it", "all")
    auth.logout()

    # The Arabic-speaking mediator sees the case in an Arabic, right-to-left interface ...
    auth.login(w.email("mediator"))
    page = client.get(f"/cases/{case_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'lang="ar" dir="rtl"' in html
    assert "Permesso scaduto, serve rinnovo." in html
    # ... and adds an Arabic translation, leaving the original as it was.
    form = client.get(f"/notes/{note.id}/translate")
    assert '<option selected value="ar">' in form.get_data(as_text=True)  # her locale is the default
    response = client.post(f"/notes/{note.id}/translate", data={
        "language": "ar", "body": "انتهت صلاحية الإقامة، يلزم التجديد."})
    assert response.status_code == 302
    assert db.session.get(Note, note.id).body == "Permesso scaduto, serve rinnovo."
    html = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "انتهت صلاحية الإقامة، يلزم التجديد." in html and "note-translation" in html
    auth.logout()

    # The Italian reader sees the original only: the Arabic translation is not in her locale.
    auth.login(w.email("legal"))
    html = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Permesso scaduto" in html and "note-translation" not in html
    auth.logout()

    # The health worker writes a confidential clinical note.
    auth.login(w.email("health"))
    response = client.post(f"/cases/{case_id}/notes", data={
        "body": TEAM_SECRET, "language": "it", "visibility": "team",
        "team": w.team("health").id})
    assert response.status_code == 302
    assert TEAM_SECRET in client.get(f"/cases/{case_id}").get_data(as_text=True)
    auth.logout()
    for role in ("legal", "supervisor", "mediator", "desk"):
        auth.login(w.email(role))
        for url in (f"/cases/{case_id}", f"/cases/{case_id}?kind=note",
                    f"/cases/{case_id}?team=health"):
            assert TEAM_SECRET not in client.get(url).get_data(as_text=True), (role, url)
        auth.logout()

    # Every team finishes its part (mediation: the referral and the interpreter request of
    # the appointment); the case manager closes the case.
    for kind in ("legal", "mediation", "health"):
        auth.login(w.email(kind if kind != "mediation" else "mediator"))
        for r in db.session.scalars(select(Referral).where(Referral.team_id == w.team(kind).id)
                                    ).all():
            if r.status == "pending":
                client.post(f"/referrals/{r.id}/accept", data={
                    "assignee": w.users[kind if kind != "mediation" else "mediator"].id,
                    "version": r.version})
                r = db.session.get(Referral, r.id)
            response = client.post(f"/referrals/{r.id}/complete",
                                   data={"outcome": "resolved", "version": r.version})
            assert response.status_code == 302, kind
        auth.logout()
    auth.login(w.email("desk"))
    case = db.session.get(Case, case_id)
    response = client.post(f"/cases/{case_id}/close",
                           data={"outcome": "needs_met", "version": case.version})
    assert response.status_code == 302
    case = db.session.get(Case, case_id)
    assert (case.status, case.closing_outcome) == ("closed", "needs_met")
    assert kinds(case_id)[-1] == "case_closed"
    assert {"referral_accepted", "appointment_booked", "note", "note_translated",
            "referral_completed", "status_changed"} <= set(kinds(case_id))
    assert db.session.scalar(select(NoteTranslation.language)) == "ar"


def test_every_view_of_a_case_is_audited(make, auth, client):
    w = build_world(make)
    auth.login(w.email("legal"))
    client.get(f"/cases/{w.case.id}")
    client.get(f"/cases/{w.case.id}")
    views = db.session.scalars(select(AuditLog).where(AuditLog.action == "view",
                                                      AuditLog.object_type == "case_file")).all()
    assert len(views) == 2
    assert {v.person_id for v in views} == {w.case.person_id}


def test_a_case_cannot_close_while_a_referral_is_open(make, auth, client):
    w = build_world(make)
    auth.login(w.email("supervisor"))
    response = client.post(f"/cases/{w.case.id}/close",
                           data={"outcome": "needs_met", "version": w.case.version})
    assert response.status_code == 422
    assert tr("Some referrals are still open: the teams must complete or decline them before "
              "the case can be closed.") in response.get_data(as_text=True)
    assert db.session.get(Case, w.case.id).status == "open"
    assert "case_closed" not in kinds(w.case.id)


def test_attendance_cannot_be_recorded_before_the_appointment_day(make, auth, client, now, today):
    from datetime import datetime, time

    from flask_babel import force_locale, format_date

    w = build_world(make)
    tomorrow = Appointment(case_id=w.case.id, team_id=w.team("legal").id,
                           starts_at=datetime.combine(today + timedelta(days=1), time(9)))
    later_today = Appointment(case_id=w.case.id, team_id=w.team("legal").id,
                              starts_at=now + timedelta(hours=1))
    db.session.add_all([tomorrow, later_today])
    db.session.commit()
    auth.login(w.email("legal"))
    page = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert page.count(f"/appointments/{later_today.id}/attendance") == 1
    assert f"/appointments/{tomorrow.id}/attendance" not in page, "no buttons for a future day"
    response = client.post(f"/appointments/{tomorrow.id}/attendance", data={"outcome": "attended"},
                           follow_redirects=True)
    with client.application.test_request_context(), force_locale("it"):
        day = format_date(today + timedelta(days=1))
    message = tr("This appointment is on %(date)s: whether the person came can be recorded from "
                 "that day.", date=day)
    assert message in response.get_data(as_text=True)
    assert db.session.get(Appointment, tomorrow.id).outcome is None
    client.post(f"/appointments/{later_today.id}/attendance", data={"outcome": "no_show"})
    assert db.session.get(Appointment, later_today.id).outcome == "no_show"
