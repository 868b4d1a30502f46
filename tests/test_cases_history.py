"""The case page: the timeline in the reader's words, filtered, paginated, without N+1 queries;
care plan, documents, slips, closing and reopening."""

from datetime import datetime, timedelta

from sqlalchemy import event, select

from desk.extensions import db
from desk.models.cases import Case
from desk.models.history import TimelineEvent, record_event
from desk.models.people import ResidenceDocument
from desk.models.plan import Appointment
from desk.vocab.codes import DECLINE_REASONS, GOAL_STATUSES, TIMELINE_KINDS

from .casework import build_world, lbl, tr


def _fill_timeline(w, count, actors):
    for i in range(count):
        record_event(w.case, "status_changed", actors[i % len(actors)],
                     team=w.team("legal"), payload={"from": "open", "to": "in_progress"},
                     occurred_at=datetime(2026, 1, 1) + timedelta(minutes=i))
    db.session.commit()


def test_timeline_is_paginated_twenty_five_to_a_page(make, auth, client):
    w = build_world(make)
    _fill_timeline(w, 120, [w.users["legal"]])
    auth.login(w.email("legal"))
    assert client.get(f"/cases/{w.case.id}").get_data(as_text=True).count('<li class="event') == 25
    html = client.get(f"/cases/{w.case.id}?page=5").get_data(as_text=True)
    assert html.count('<li class="event') == 20
    assert tr("Page %(page)d of %(pages)d", page=5, pages=5) in html and 'rel="prev"' in html


def test_timeline_filters_by_team_and_kind(make, auth, client):
    w = build_world(make)
    _fill_timeline(w, 3, [w.users["legal"]])
    record_event(w.case, "case_conference", w.users["supervisor"], payload={"teams": ["social"]})
    db.session.commit()
    auth.login(w.email("supervisor"))
    html = client.get(f"/cases/{w.case.id}?kind=case_conference").get_data(as_text=True)
    assert html.count('<li class="event') == 1
    assert client.get(f"/cases/{w.case.id}?team=legal").get_data(as_text=True).count(
        '<li class="event') == 3
    assert client.get(f"/cases/{w.case.id}?team=health").get_data(as_text=True).count(
        '<li class="event') == 0


def test_timeline_shows_labels_not_codes(make, auth, client):
    w = build_world(make)
    referral = w.case.referrals[0]
    auth.login(w.email("legal"))
    client.post(f"/referrals/{referral.id}/decline",
                data={"reason": "no_capacity", "version": referral.version})
    html = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert lbl(TIMELINE_KINDS, "referral_declined") in html
    assert lbl(DECLINE_REASONS, "no_capacity") in html
    assert "no_capacity" not in html


def _count_queries(client, url):
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_case_page_queries_do_not_grow_with_the_history(make, auth, client):
    w = build_world(make)
    actors = [w.users[r] for r in ("legal", "legal2", "desk", "supervisor", "mediator")]
    _fill_timeline(w, 5, actors)
    auth.login(w.email("supervisor"))
    few = _count_queries(client, f"/cases/{w.case.id}")
    _fill_timeline(w, 45, actors)
    assert _count_queries(client, f"/cases/{w.case.id}") == few


def test_slip_is_in_the_persons_language_or_italian_and_english(make, auth, client):
    w = build_world(make)
    appointment = Appointment(case_id=w.case.id, team_id=w.team("legal").id,
                              starts_at=datetime(2026, 12, 3, 9, 0), interpreter_language="ar")
    db.session.add(appointment)
    db.session.commit()
    auth.login(w.email("legal"))
    html = client.get(f"/appointments/{appointment.id}/slip").get_data(as_text=True)
    assert 'class="panel slip" lang="ar" dir="rtl"' in html
    assert "حداد" in html
    person = w.case.person
    person.preferred_language = "pa"  # no interface in Punjabi, but a print catalogue
    db.session.commit()
    html = client.get(f"/appointments/{appointment.id}/slip").get_data(as_text=True)
    assert 'class="panel slip" lang="pa" dir="ltr"' in html
    person.preferred_language = "wo"  # no catalogue at all, and no other language read
    person.language_rows = []
    db.session.commit()
    html = client.get(f"/appointments/{appointment.id}/slip").get_data(as_text=True)
    assert 'class="panel slip" lang="it" dir="ltr"' in html
    assert 'class="panel slip" lang="en" dir="ltr"' in html
    assert "dicembre" in html  # the Italian copy's date is written in Italian


def test_residence_document_from_the_case_page_and_the_legal_expiry_list(make, auth, client, today):
    w = build_world(make)
    soon = today + timedelta(days=20)
    auth.login(w.email("legal"))
    response = client.post(f"/cases/{w.case.id}/documents/new", data={
        "doc_type": "asylum_pending", "number": " ab 123 ", "expiry_date": soon.isoformat()})
    assert response.status_code == 302
    doc = db.session.scalar(select(ResidenceDocument))
    assert doc.number == "AB123", "stored as at registration: letters and digits"
    # Someone the legal team has nothing to do with, expiring too: not on the legal list.
    stranger = make.person(site=w.site, given="Lin", family="Wei")
    make.case(site=w.site, person=stranger, referrals=("social",))
    db.session.add(ResidenceDocument(person_id=stranger.id, doc_type="study", expiry_date=soon))
    far = make.person(site=w.site, given="Far", family="Away")
    make.case(site=w.site, person=far, referrals=("legal",))
    db.session.add(ResidenceDocument(person_id=far.id, doc_type="study",
                                     expiry_date=today + timedelta(days=90)))
    db.session.commit()
    html = client.get("/teams/legal/expiring").get_data(as_text=True)
    assert "Yusuf Haddad" in html and "Lin Wei" not in html and "Far Away" not in html
    auth.logout()
    auth.login(w.email("supervisor"))
    html = client.get("/teams/legal/expiring").get_data(as_text=True)
    assert "Yusuf Haddad" in html and "Lin Wei" in html and "Far Away" not in html
    kinds = db.session.scalars(select(TimelineEvent.kind)).all()
    assert "document_added" in kinds


def test_care_plan_goal_and_conference_reach_the_timeline(make, auth, client):
    w = build_world(make)
    auth.login(w.email("mediator"))
    client.post(f"/cases/{w.case.id}/goals/new", data={
        "dimension": "legal", "goal": "Rinnovare il permesso", "status": "planned",
        "review_date": "2027-01-15"})
    client.post(f"/cases/{w.case.id}/conferences/new", data={
        "held_on": "2026-11-20", "teams": [w.team("legal").id, w.team("mediation").id],
        "decisions": "Accompagnamento in Questura"})
    auth.logout()
    auth.login(w.email("desk"))
    html = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert "Rinnovare il permesso" in html and "Accompagnamento in Questura" in html
    assert lbl(TIMELINE_KINDS, "care_plan_changed") in html
    assert lbl(TIMELINE_KINDS, "case_conference") in html
    assert lbl(GOAL_STATUSES, "planned") in html


def test_reopen_is_refused_while_another_case_is_open(make, auth, client):
    w = build_world(make, referrals=())
    old = make.case(site=w.site, person=w.case.person, status="closed")
    auth.login(w.email("supervisor"))
    response = client.post(f"/cases/{old.id}/reopen", data={"version": old.version})
    assert response.status_code == 422
    assert w.case.reference in response.get_data(as_text=True)
    assert db.session.get(Case, old.id).status == "closed"
    db.session.get(Case, w.case.id).status = "closed"
    db.session.commit()
    response = client.post(f"/cases/{old.id}/reopen", data={"version": old.version})
    assert response.status_code == 302
    assert db.session.get(Case, old.id).status == "open"
    assert db.session.scalars(select(TimelineEvent.kind)).all()[-1] == "case_reopened"
