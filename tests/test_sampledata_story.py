"""The generated data's story for the observatory (sampledata/story.py): interpreter requests
worked as the desk works them, nobody speaking Urdu, and a history that ends at the `now` the
caller gives, whatever the clock says."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from desk.extensions import db
from desk.models.cases import Access, Case, Referral
from desk.models.history import TimelineEvent
from desk.models.plan import Appointment
from desk.models.sites import Team
from desk.models.users import User
from desk.sampledata.generate import generate


def test_generated_interpreter_requests_follow_their_appointments(app, now):
    generate(people=300, seed=5, site_codes=["TO", "CN"], now=now)
    db.session.commit()
    requests = db.session.scalars(select(Referral).where(Referral.appointment_id.is_not(None)))
    confirmed = {}
    for request in requests:
        appointment = db.session.get(Appointment, request.appointment_id)
        assert appointment.interpreter_language and appointment.case_id == request.case_id
        team = db.session.get(Team, request.team_id)
        assert team.kind == "mediation" and team.site_id == db.session.get(
            Case, request.case_id).site_id
        assert request.reason == "interpreting" and request.created_at == appointment.created_at
        if request.accepted_at is not None:
            mediator = db.session.get(User, request.assignee_id)
            assert appointment.interpreter_language in mediator.languages
        if appointment.outcome is not None:
            assert request.status == "completed"
        language = appointment.interpreter_language
        confirmed.setdefault(language, []).append(request.accepted_at is not None)
    assert any(confirmed["ar"])  # Arabic-speaking mediators confirm most
    assert confirmed["ur"] and not any(confirmed["ur"])  # nobody speaks Urdu


def test_the_generated_history_ends_at_the_given_now(app, now):
    earlier = datetime(2025, 1, 10, 9, 0)
    assert now - earlier > timedelta(days=365)  # the app's clock is well after it
    generate(people=120, seed=3, site_codes=["TO"], now=earlier)
    db.session.commit()
    last_event = db.session.scalar(select(func.max(TimelineEvent.occurred_at)))
    last_access = db.session.scalar(select(func.max(Access.occurred_at)))
    assert last_event <= earlier and last_access >= earlier - timedelta(days=30)
