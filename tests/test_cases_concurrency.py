"""Two workers saving the same record: the second is told, keeps what they typed, and nothing
is overwritten silently (optimistic locking on referrals, care-plan goals, cases)."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm.exc import StaleDataError

from desk.common.clock import utcnow
from desk.common.formflow import CONFLICT_MESSAGE
from desk.extensions import db
from desk.models.cases import Case, Referral
from desk.models.history import TimelineEvent
from desk.models.plan import Appointment, CarePlanGoal
from desk.teamwork.referral_services import accept_referral

from .casework import add_referral, build_world, tr


def conflict_message() -> str:
    from flask import current_app
    from flask_babel import force_locale
    from markupsafe import escape

    with current_app.test_request_context(), force_locale("it"):
        return str(escape(str(CONFLICT_MESSAGE)))


def events(kind):
    return db.session.scalar(select(func.count()).where(TimelineEvent.kind == kind))


def test_second_worker_on_the_same_referral_gets_a_conflict_and_keeps_the_text(
        make, auth, client):
    w = build_world(make)
    referral = add_referral(w.case, w.team("legal"), status="accepted",
                            assignee=w.users["legal"])
    loaded_version = referral.version  # both workers opened their forms on this version
    auth.login(w.email("legal"))
    assert client.post(f"/referrals/{referral.id}/complete", data={
        "outcome": "resolved", "version": loaded_version}).status_code == 302
    auth.logout()

    auth.login(w.email("legal2"))
    response = client.post(f"/referrals/{referral.id}/decline", data={
        "reason": "other", "text": "Seguita già dal CAS di zona", "version": loaded_version})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert conflict_message() in html
    assert "Seguita già dal CAS di zona" in html  # nothing typed is lost
    referral = db.session.get(Referral, referral.id)
    assert (referral.status, referral.outcome) == ("completed", "resolved")
    assert events("referral_declined") == 0
    # The form now carries the current version: the worker may decide to save again.
    assert f'name="version" type="hidden" value="{referral.version}"' in html


def test_second_editor_of_a_goal_gets_a_conflict_then_may_save_on_purpose(make, auth, client):
    w = build_world(make)
    goal = CarePlanGoal(case_id=w.case.id, dimension="social", goal="Trovare casa",
                        status="planned")
    db.session.add(goal)
    db.session.commit()
    url = f"/cases/{w.case.id}/goals/{goal.id}"
    auth.login(w.email("legal"))
    assert client.post(url, data={"dimension": "social", "goal": "Trovare casa entro marzo",
                                  "status": "in_progress", "version": 1}).status_code == 302
    auth.logout()
    auth.login(w.email("supervisor"))
    mine = {"dimension": "social", "goal": "Casa popolare: domanda ATC", "status": "planned",
            "version": 1}
    response = client.post(url, data=mine)
    assert response.status_code == 409
    assert "Casa popolare: domanda ATC" in response.get_data(as_text=True)
    assert db.session.get(CarePlanGoal, goal.id).goal == "Trovare casa entro marzo"
    response = client.post(url, data={**mine, "version": 2})
    assert response.status_code == 302
    assert db.session.get(CarePlanGoal, goal.id).goal == "Casa popolare: domanda ATC"


def test_closing_a_case_changed_meanwhile_is_a_conflict(make, auth, client):
    w = build_world(make, referrals=())
    auth.login(w.email("desk"))
    stale = w.case.version
    db.session.get(Case, w.case.id).status = "in_progress"
    db.session.commit()
    response = client.post(f"/cases/{w.case.id}/close",
                           data={"outcome": "needs_met", "version": stale})
    assert response.status_code == 409
    assert db.session.get(Case, w.case.id).status == "in_progress"


def test_a_write_racing_past_the_version_check_is_stopped_by_the_database(make):
    """The version column is checked again by the UPDATE itself (StaleDataError)."""
    w = build_world(make)
    referral = db.session.get(Referral, w.case.referrals[0].id)
    seen = referral.version
    db.session.execute(text("UPDATE referral SET version = version + 1 WHERE id = :id"),
                       {"id": referral.id})
    with pytest.raises(StaleDataError):
        accept_referral(w.users["legal"], referral, w.users["legal"], seen)
    db.session.rollback()


def test_attendance_is_recorded_once(make, auth, client):
    w = build_world(make)
    appointment = Appointment(case_id=w.case.id, team_id=w.team("legal").id, starts_at=utcnow())
    db.session.add(appointment)
    db.session.commit()
    auth.login(w.email("legal"))
    url = f"/appointments/{appointment.id}/attendance"
    client.post(url, data={"outcome": "attended"})
    response = client.post(url, data={"outcome": "no_show"}, follow_redirects=True)
    assert tr("The outcome of this appointment was already recorded.") in response.get_data(
        as_text=True)
    assert db.session.get(Appointment, appointment.id).outcome == "attended"
    assert events("appointment_attended") == 1 and events("appointment_missed") == 0


def test_two_teams_accepting_referrals_of_one_case_at_once_both_succeed(make, app):
    """The legal and the mediation worker accept at the same moment: no false conflict, and
    the case moves to "in progress" once (one status event)."""
    from sqlalchemy.orm import Session

    from .conftest import PG_URL

    if not PG_URL:
        pytest.skip("SQLite serialises writing requests (BEGIN IMMEDIATE): they cannot overlap")

    w = build_world(make, referrals=("legal", "mediation"))
    legal, mediation = sorted(w.case.referrals, key=lambda r: r.team.kind)
    with Session(db.engine) as other:  # the mediation worker's request, already under way
        their_referral = other.get(Referral, mediation.id)
        assert their_referral.case.status == "open"
        their_version = their_referral.version
        accept_referral(w.users["legal"], legal, w.users["legal"], legal.version)
        db.session.commit()
        mediator = other.get(type(w.users["mediator"]), w.users["mediator"].id)
        from unittest.mock import patch

        with patch.object(db, "session", other):
            accept_referral(mediator, their_referral, mediator, their_version)
            other.commit()
    db.session.expire_all()
    assert {r.status for r in db.session.get(Case, w.case.id).referrals} == {"accepted"}
    assert db.session.get(Case, w.case.id).status == "in_progress"
    assert events("status_changed") == 1
