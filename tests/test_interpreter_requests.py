"""An appointment booked with an interpreter asks the site's mediation team for a mediator who
speaks the language: the request is in the mediation queue and diary, a mediator who speaks
the language confirms it (or the team declines it with a reason), and the booking team, the
slip and the supervisor's figures follow."""

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Referral
from desk.models.history import TimelineEvent
from desk.models.plan import Appointment
from desk.models.sites import Team
from desk.supervision import flows
from desk.teamwork import appointment_services as appointments
from desk.teamwork import referral_services as referrals
from desk.teamwork.interpreter_services import priority_for
from desk.vocab.codes import DECLINE_REASONS, INTERPRETER_STATUSES, TEAM_KINDS, TIMELINE_KINDS

from .casework import build_world, lbl, tr
from .test_supervision_data import scope_for


@pytest.fixture
def w(make):
    """The case referred to legal and mediation at Torino; a second mediator, who speaks
    Urdu only."""
    world = build_world(make)
    world.users["urdu"] = make.user(email="urdu@example.test", roles=("team",),
                                    teams=("mediation",), languages=("ur",))
    return world


def book(client, w, day, language="ar", place="Sala 2", case=None):
    case = case or w.case
    return client.post(f"/cases/{case.id}/appointments/new", data={
        "team": w.team("legal").id, "day": day.isoformat(), "time": "10:30", "duration": 45,
        "place": place, "interpreter_language": language})


def requests_of(case_id):
    return db.session.scalars(select(Referral).where(Referral.case_id == case_id,
                                                     Referral.appointment_id.is_not(None))).all()


def only_request(w):
    (request,) = requests_of(w.case.id)
    return request


def booked_by_legal(w, today, language="ar", days=3):
    """The legal worker books an appointment `days` ahead; its interpreter request."""
    starts = datetime.combine(today + timedelta(days=days), time(9, 30))
    appointment = appointments.book_appointment(
        w.users["legal"], w.case, w.team("legal"), starts, place="Sala 2",
        interpreter_language=language)
    db.session.commit()
    return appointment.interpreter_request


def test_booking_with_an_interpreter_asks_the_mediation_team_once(w, auth, client, today):
    auth.login(w.email("legal"))
    day = today + timedelta(days=3)
    assert book(client, w, day).status_code == 302

    request = only_request(w)
    appointment = db.session.scalar(select(Appointment))
    assert request.appointment_id == appointment.id
    assert (request.team_id, request.reason, request.status) == (
        w.team("mediation").id, "interpreting", "pending")
    assert (request.due_date, request.priority) == (day, "normal")
    assert request.created_by_id == w.users["legal"].id
    made = db.session.scalars(select(TimelineEvent).where(
        TimelineEvent.kind == "referral_made")).all()
    assert [(e.team_id, e.payload["appointment_id"], e.payload["interpreter_language"])
            for e in made] == [(w.team("mediation").id, appointment.id, "ar")]


def test_booking_without_an_interpreter_asks_nobody(w, auth, client, today):
    auth.login(w.email("legal"))
    assert book(client, w, today + timedelta(days=3), language="").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Appointment)) == 1
    assert requests_of(w.case.id) == []
    assert db.session.scalar(select(func.count()).select_from(Referral)) == 2  # as built


@pytest.mark.parametrize("days,priority", [(-1, "urgent"), (0, "urgent"), (2, "urgent"),
                                           (3, "normal"), (10, "normal"), (11, "low")])
def test_interpreter_request_priority_follows_how_soon_the_appointment_is(app, today, days,
                                                                          priority):
    assert priority_for(today + timedelta(days=days)) == priority


def test_interpreter_request_shows_in_the_mediation_queue_and_appointments(w, auth, client,
                                                                           today):
    auth.login(w.email("legal"))
    day = today + timedelta(days=3)
    book(client, w, day, place="Sala Ascolto")
    auth.logout()

    auth.login(w.email("mediator"))  # reads Arabic
    queue = client.get("/teams/mediation/queue").get_data(as_text=True)
    assert tr("Interpreter request", "ar") in queue
    assert "Sala Ascolto" in queue
    booking_team = tr("Appointment with the %(team)s team: %(when)s", "ar",
                      team=lbl(TEAM_KINDS, "legal", "ar"), when="@@").split("@@")[0]
    assert booking_team in queue
    mediation = w.team("mediation").id
    week = client.get(f"/teams/appointments?team={mediation}&day={day}&span=week")
    html = week.get_data(as_text=True)
    assert "Sala Ascolto" in html and "Yusuf Haddad" in html
    assert tr("Interpreter request", "ar") in html
    assert lbl(INTERPRETER_STATUSES, "waiting", "ar") in html
    # Not another team's appointments that asked for nobody.
    health = client.get(f"/teams/appointments?team={w.team('health').id}&day={day}&span=week")
    assert health.status_code == 200  # falls back to her own team: the same list


def test_accept_assigns_a_mediator_who_speaks_the_language(w, auth, client, today):
    request = booked_by_legal(w, today)
    auth.login(w.email("mediator"))
    form = client.get(f"/referrals/{request.id}/accept").get_data(as_text=True)
    assert f'value="{w.users["mediator"].id}"' in form
    assert f'value="{w.users["urdu"].id}"' not in form  # does not speak Arabic
    response = client.post(f"/referrals/{request.id}/accept", data={
        "assignee": w.users["mediator"].id, "version": request.version})
    assert response.status_code == 302
    request = db.session.get(Referral, request.id)
    assert (request.status, request.assignee_id) == ("accepted", w.users["mediator"].id)
    accepted = db.session.scalar(select(TimelineEvent).where(
        TimelineEvent.kind == "referral_accepted"))
    assert accepted.payload["appointment_id"] == request.appointment_id


def test_accept_by_a_mediator_who_does_not_speak_the_language_is_refused(w, auth, client,
                                                                         today):
    request = booked_by_legal(w, today)
    auth.login(w.email("mediator"))
    response = client.post(f"/referrals/{request.id}/accept", data={
        "assignee": w.users["urdu"].id, "version": request.version})
    assert response.status_code == 422
    message = tr("%(name)s does not speak %(language)s: choose a mediator who does.", "ar",
                 name=w.users["urdu"].name, language="العربية")
    assert message in response.get_data(as_text=True)
    request = db.session.get(Referral, request.id)
    assert (request.status, request.assignee_id) == ("pending", None)
    # Nor can an accepted request be handed to her.
    client.post(f"/referrals/{request.id}/accept", data={
        "assignee": w.users["mediator"].id, "version": request.version})
    request = db.session.get(Referral, request.id)
    response = client.post(f"/referrals/{request.id}/reassign", data={
        "assignee": w.users["urdu"].id, "version": request.version})
    assert response.status_code == 422
    assert db.session.get(Referral, request.id).assignee_id == w.users["mediator"].id


def test_queue_offers_only_mediators_who_speak_the_language(w, auth, client, today):
    booked_by_legal(w, today, language="ar")
    auth.login(w.email("urdu"))
    html = client.get("/teams/mediation/queue").get_data(as_text=True)
    row = html[html.index(tr("Interpreter request")):]
    row = row[:row.index("</tr>")]
    assert f'<option value="{w.users["mediator"].id}"' in row
    assert f'<option value="{w.users["urdu"].id}"' not in row
    booked_by_legal(w, today, language="zh", days=4)
    html = client.get("/teams/mediation/queue").get_data(as_text=True)
    assert tr("Nobody in the team speaks %(language)s.", language="cinese") in html


def test_booking_team_sees_the_confirmed_interpreter_by_name(w, auth, client, today):
    request = booked_by_legal(w, today)
    auth.login(w.email("legal"))
    day = today + timedelta(days=3)
    legal_list = f"/teams/appointments?team={w.team('legal').id}&day={day}&span=day"
    for url in (f"/cases/{w.case.id}", legal_list):
        assert lbl(INTERPRETER_STATUSES, "waiting") in client.get(url).get_data(as_text=True)
    referrals.accept_referral(w.users["mediator"], request, w.users["mediator"],
                              request.version)
    db.session.commit()
    name = w.users["mediator"].name
    for url in (f"/cases/{w.case.id}", legal_list):
        html = client.get(url).get_data(as_text=True)
        assert f'{lbl(INTERPRETER_STATUSES, "confirmed")}</span> <bdi>{name}</bdi>' in html, url


def test_slip_promises_an_interpreter_only_once_confirmed(w, auth, client, today):
    request = booked_by_legal(w, today)
    auth.login(w.email("legal"))
    promise = tr("An interpreter for %(language)s will be present.", "ar", language="العربية")
    slip = f"/appointments/{request.appointment_id}/slip"
    assert promise not in client.get(slip).get_data(as_text=True)
    referrals.accept_referral(w.users["mediator"], request, w.users["mediator"],
                              request.version)
    db.session.commit()
    html = client.get(slip).get_data(as_text=True)
    assert promise in html
    assert w.users["mediator"].name not in html  # the person learns the language, no name


def test_declined_request_shows_on_the_appointment_not_on_the_desk_home(w, auth, client,
                                                                        today):
    request = booked_by_legal(w, today)
    auth.login(w.email("mediator"))
    response = client.post(f"/referrals/{request.id}/decline", data={
        "reason": "no_capacity", "text": "Nessuna mediatrice libera giovedì",
        "version": request.version})
    assert response.status_code == 302
    assert db.session.get(Referral, request.id).status == "declined"
    declined = db.session.scalar(select(TimelineEvent).where(
        TimelineEvent.kind == "referral_declined"))
    assert declined.payload["appointment_id"] == request.appointment_id
    auth.logout()

    auth.login(w.email("legal"))
    html = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert lbl(INTERPRETER_STATUSES, "declined") in html
    assert lbl(DECLINE_REASONS, "no_capacity") in html
    assert "Nessuna mediatrice libera giovedì" in html
    auth.logout()

    auth.login(w.email("desk"))
    home = client.get("/people/desk").get_data(as_text=True)
    assert "Nessuna mediatrice libera giovedì" not in home
    assert tr("Nothing waiting.") in home


def test_other_team_cannot_see_or_work_the_interpreter_request(make, auth, client, today):
    w = build_world(make, referrals=("legal", "mediation"))
    request = booked_by_legal(w, today)
    outsider = make.case(site=w.site, referrals=("health",))  # the health worker's own case
    auth.login(w.email("health"))
    # The case is not referred to health: nothing of it can be reached.
    for url in (f"/referrals/{request.id}/accept", f"/referrals/{request.id}/decline",
                f"/cases/{w.case.id}", f"/appointments/{request.appointment_id}/slip"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/referrals/{request.id}/accept", data={
        "assignee": w.users["mediator"].id, "version": request.version}).status_code == 404
    assert client.get("/teams/mediation/queue").status_code == 403
    day = today + timedelta(days=3)
    week = client.get(f"/teams/appointments?team={w.team('mediation').id}&day={day}"
                      "&span=week").get_data(as_text=True)
    assert "Sala 2" not in week and "Yusuf" not in week
    # Referred to health too, the case is visible, the request still not hers to work.
    db.session.add(Referral(case_id=w.case.id, team_id=w.team("health").id, reason="other",
                            due_date=today, status="pending"))
    db.session.commit()
    assert client.get(f"/cases/{w.case.id}").status_code == 200
    assert client.get(f"/referrals/{request.id}/accept").status_code == 403
    assert client.post(f"/referrals/{request.id}/decline", data={
        "reason": "no_capacity", "version": request.version}).status_code == 403
    assert db.session.get(Referral, request.id).status == "pending"
    assert outsider.id


def test_site_without_mediation_team_refuses_an_interpreter_and_writes_nothing(
        make, auth, client, today):
    site = make.site("AT")
    db.session.delete(next(t for t in site.teams if t.kind == "mediation"))
    db.session.commit()
    make.user(email="asti@example.test", roles=("team",), sites=("AT",), teams=("legal",))
    case = make.case(site=site, referrals=("legal",))
    def counts():
        return [db.session.scalar(select(func.count()).select_from(Appointment)),
                db.session.scalar(select(func.count()).select_from(Referral)),
                db.session.scalar(select(func.count()).select_from(TimelineEvent)),
                db.session.scalar(select(func.count()).select_from(AuditLog)
                                  .where(AuditLog.action == "create"))]

    before = counts()
    auth.login("asti@example.test")
    legal = db.session.scalar(select(Team).where(Team.site_id == site.id, Team.kind == "legal"))
    response = client.post(f"/cases/{case.id}/appointments/new", data={
        "team": legal.id, "day": (today + timedelta(days=3)).isoformat(), "time": "10:30",
        "duration": 30, "interpreter_language": "ar"})
    assert response.status_code == 422
    assert tr("This desk has no mediation team to send an interpreter request to: book the "
              "appointment without an interpreter, or ask an administrator to add the team."
              ) in response.get_data(as_text=True)
    assert counts() == before


@pytest.mark.parametrize("confirmed,attendance,outcome,status", [
    (True, "attended", "resolved", "confirmed"),
    (True, "no_show", "not_reachable", "confirmed"),
    (False, "attended", None, "unconfirmed"),
])
def test_recording_attendance_completes_the_interpreter_request(w, auth, client, today, clock,
                                                                confirmed, attendance,
                                                                outcome, status):
    request = booked_by_legal(w, today)
    if confirmed:
        referrals.accept_referral(w.users["mediator"], request, w.users["mediator"],
                                  request.version)
        db.session.commit()
    clock.set(request.appointment.starts_at + timedelta(hours=1))  # the day has come
    auth.login(w.email("legal"))
    response = client.post(f"/appointments/{request.appointment_id}/attendance",
                           data={"outcome": attendance})
    assert response.status_code == 302
    request = db.session.get(Referral, request.id)
    assert (request.status, request.outcome) == ("completed", outcome)
    assert request.appointment.interpreter_status == status
    completed = db.session.scalar(select(TimelineEvent).where(
        TimelineEvent.kind == "referral_completed"))
    assert completed.payload["appointment_id"] == request.appointment_id


def test_timeline_tells_the_interpreter_request_in_the_readers_language(w, auth, client, today):
    request = booked_by_legal(w, today)
    referrals.decline_referral(w.users["mediator"], request, "no_capacity", None,
                               request.version)
    db.session.commit()
    auth.login(w.email("mediator"))
    html = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    for kind in ("referral_made", "referral_declined"):
        assert lbl(TIMELINE_KINDS, kind, "ar") in html
    assert lbl(DECLINE_REASONS, "no_capacity", "ar") in html
    assert "العربية" in html  # the interpreter's language, named in Arabic


def test_interpreter_demand_counts_requests_per_language(w, today):
    supervisor = w.users["supervisor"]
    confirmed = booked_by_legal(w, today, "ar", days=-5)
    referrals.accept_referral(w.users["mediator"], confirmed, w.users["mediator"],
                              confirmed.version)
    declined = booked_by_legal(w, today, "ar", days=-4)
    referrals.decline_referral(w.users["mediator"], declined, "no_capacity", None,
                               declined.version)
    booked_by_legal(w, today, "ur", days=-3)
    db.session.add(Appointment(case_id=w.case.id, team_id=w.team("legal").id,  # no request
                               starts_at=datetime.combine(today, time(8)),
                               interpreter_language="ur"))
    db.session.commit()

    rows = {r["language"]: (r["appointments"], r["requested"], r["confirmed"], r["declined"])
            for r in flows.interpreter_demand(scope_for(supervisor, end=today))}
    assert rows == {"ar": (2, 2, 1, 1), "ur": (2, 1, 0, 0)}
    # Another site's supervisor counts none of them.
    assert flows.interpreter_demand(scope_for(w.users["other"], end=today)) == []


def test_dashboard_and_anonymised_report_show_interpreters_confirmed(w, auth, client, today):
    from desk.supervision import anonymised
    from desk.supervision.dashboard import dashboard_table

    request = booked_by_legal(w, today, "ar", days=-2)
    referrals.accept_referral(w.users["mediator"], request, w.users["mediator"],
                              request.version)
    db.session.commit()
    scope = scope_for(w.users["supervisor"], end=today)
    auth.login(w.email("supervisor"))
    html = client.get("/supervision/").get_data(as_text=True)
    assert tr("Interpreters confirmed") in html and tr("Interpreter requests declined") in html
    with client.application.test_request_context():
        table = dashboard_table(scope, "interpreter_demand")
        assert [c.value for c in table.rows[0][1:]][-3:] == [1, 1, 0]
        territory = anonymised.territory_scope(scope, w.site.territory)
        tables = {t.key: t for t in anonymised.report_tables(territory)}
    confirmed = tables["interpreters_confirmed_by_month"]
    assert [row[0].code for row in confirmed.rows] == ["ar"]
    assert {cell.value for cell in confirmed.rows[0][1:]} == {"<5"}  # small cells hidden


@pytest.mark.parametrize("assignee", ["", "abc", "-1", "999999", "1e3", "٣"])
def test_odd_assignees_for_an_interpreter_request_change_nothing(w, auth, client, today,
                                                                 assignee):
    request = booked_by_legal(w, today)
    auth.login(w.email("mediator"))
    response = client.post(f"/referrals/{request.id}/accept", data={
        "assignee": assignee, "version": request.version})
    assert response.status_code == 422
    request = db.session.get(Referral, request.id)
    assert (request.status, request.assignee_id, request.version) == ("pending", None, 1)
