"""Every case and team route, for every demo role and a user of another site.

Not visible -> 404 (existence is not revealed); visible but the role may not -> 403.
"""

from datetime import datetime, timedelta

import pytest

from desk.common import clock as timeutil
from desk.extensions import db
from desk.models.cases import Case, Referral
from desk.models.history import Note
from desk.models.people import ResidenceDocument
from desk.models.plan import Appointment, CarePlanGoal

from .casework import ROLES, add_referral, build_world

SEES_CASE = {"desk", "mediator", "legal", "supervisor"}
MAY = {
    "view": SEES_CASE, "note": SEES_CASE, "translate": SEES_CASE, "slip": SEES_CASE,
    "document": SEES_CASE,
    "book": {"mediator", "legal", "supervisor"}, "plan": {"mediator", "legal", "supervisor"},
    "work_legal": {"legal", "supervisor"}, "manage": {"desk", "supervisor"},
}
TEAM_PAGE_USERS = {"mediator", "social", "legal", "health", "supervisor", "other"}
LEGAL_QUEUE_USERS = {"legal", "supervisor", "other"}  # "other": the legal team of Cuneo


def expected(role: str, may: str, ok: int) -> int:
    if role not in SEES_CASE:
        return 404
    return ok if role in MAY[may] else 403


def _finished_case(make, w, given, status="in_progress"):
    person = make.person(site=w.site, given=given, family="Test")
    case = make.case(site=w.site, person=person, referrals=("legal", "mediation"),
                     referral_status="completed", status=status)
    case.manager_id = w.users["desk"].id
    if status == "closed":
        case.closing_outcome = "needs_met"
        case.closed_at = datetime(2026, 1, 1)
    db.session.commit()
    return case


def setup_objects(make, w) -> dict:
    case = w.case
    note = Note(case_id=case.id, author_id=w.users["desk"].id, language="it", body="Nota",
                visibility="all")
    appointment = Appointment(case_id=case.id, team_id=w.team("legal").id,
                              starts_at=datetime.combine(timeutil.today(), datetime.min.time()))
    goal = CarePlanGoal(case_id=case.id, dimension="legal", goal="Rinnovo", status="planned")
    doc = ResidenceDocument(person_id=case.person_id, doc_type="study", number="X1")
    db.session.add_all([note, appointment, goal, doc])
    db.session.commit()
    return {
        "case": case.id, "note": note.id, "appointment": appointment.id, "goal": goal.id,
        "doc": doc.id,
        "accept": next(r.id for r in case.referrals if r.team.kind == "legal"),
        "work": add_referral(case, w.team("legal"), status="accepted").id,
        "decline": add_referral(case, w.team("legal")).id,
        "close": _finished_case(make, w, "Close").id,
        "reopen": _finished_case(make, w, "Reopen", status="closed").id,
    }


def version(model, id_):
    return lambda: db.session.get(model, id_).version


def routes(w, ids):
    """(endpoint, method, path, form data or None, capability, success status)."""
    c, today = ids["case"], timeutil.today().isoformat()
    legal = w.team("legal").id
    return [
        ("cases.case_detail", "GET", f"/cases/{c}", None, "view", 200),
        ("cases.case_detail", "GET", f"/cases/{c}?team=legal&kind=note&page=2", None, "view", 200),
        ("cases.write_note", "GET", f"/cases/{c}/notes", None, "note", 200),
        ("cases.translate_note", "GET", f"/notes/{ids['note']}/translate", None, "translate", 200),
        ("cases.translate_entry", "GET", f"/cases/entries/goal/{ids['goal']}/translate", None,
         "translate", 200),
        ("teamwork.book_appointment", "GET", f"/cases/{c}/appointments/new", None, "book", 200),
        ("teamwork.appointment_slip", "GET", f"/appointments/{ids['appointment']}/slip", None,
         "slip", 200),
        ("careplan.add_goal", "GET", f"/cases/{c}/goals/new", None, "plan", 200),
        ("careplan.edit_goal", "GET", f"/cases/{c}/goals/{ids['goal']}", None, "plan", 200),
        ("careplan.add_conference", "GET", f"/cases/{c}/conferences/new", None, "plan", 200),
        ("counter.add_document", "GET", f"/cases/{c}/documents/new", None, "document", 200),
        ("counter.edit_document", "GET", f"/cases/{c}/documents/{ids['doc']}", None, "document",
         200),
        ("teamwork.accept_referral", "GET", f"/referrals/{ids['accept']}/accept", None,
         "work_legal", 200),
        ("teamwork.decline_referral", "GET", f"/referrals/{ids['decline']}/decline", None,
         "work_legal", 200),
        ("teamwork.complete_referral", "GET", f"/referrals/{ids['work']}/complete", None,
         "work_legal", 200),
        ("teamwork.reassign_referral", "GET", f"/referrals/{ids['work']}/reassign", None,
         "work_legal", 200),
        ("cases.close_case", "GET", f"/cases/{ids['close']}/close", None, "manage", 200),
        ("cases.reopen_case", "GET", f"/cases/{ids['reopen']}/reopen", None, "manage", 200),
        # Changes.
        ("cases.write_note", "POST", f"/cases/{c}/notes",
         {"body": "Nuova nota", "language": "it", "visibility": "all"}, "note", 302),
        ("cases.translate_note", "POST", f"/notes/{ids['note']}/translate",
         {"language": "en", "body": "Note"}, "translate", 302),
        ("cases.translate_entry", "POST", f"/cases/entries/goal/{ids['goal']}/translate",
         {"language": "en", "body": "Goal"}, "translate", 302),
        ("counter.add_document", "POST", f"/cases/{c}/documents/new",
         {"doc_type": "family", "number": "YA2345", "expiry_date": "2027-05-01"}, "document", 302),
        ("counter.edit_document", "POST", f"/cases/{c}/documents/{ids['doc']}",
         {"doc_type": "study", "number": "XB1234", "expiry_date": "2027-06-01",
          "version": version(ResidenceDocument, ids["doc"])}, "document", 302),
        ("careplan.add_goal", "POST", f"/cases/{c}/goals/new",
         {"dimension": "social", "goal": "Casa", "status": "planned"}, "plan", 302),
        ("careplan.edit_goal", "POST", f"/cases/{c}/goals/{ids['goal']}",
         {"dimension": "legal", "goal": "Rinnovo", "status": "in_progress",
          "version": version(CarePlanGoal, ids["goal"])}, "plan", 302),
        ("careplan.add_conference", "POST", f"/cases/{c}/conferences/new",
         {"held_on": today, "teams": [legal], "decisions": "Avanti"}, "plan", 302),
        ("teamwork.book_appointment", "POST", f"/cases/{c}/appointments/new",
         {"team": legal, "day": today, "time": "09:00", "duration": 30}, "book", 302),
        ("teamwork.record_attendance", "POST", f"/appointments/{ids['appointment']}/attendance",
         {"outcome": "attended"}, "book", 302),
        ("teamwork.accept_referral", "POST", f"/referrals/{ids['accept']}/accept",
         {"assignee": w.users["legal"].id, "version": version(Referral, ids["accept"])},
         "work_legal", 302),
        ("teamwork.reassign_referral", "POST", f"/referrals/{ids['work']}/reassign",
         {"assignee": w.users["legal2"].id, "version": version(Referral, ids["work"])},
         "work_legal", 302),
        ("teamwork.complete_referral", "POST", f"/referrals/{ids['work']}/complete",
         {"outcome": "resolved", "version": version(Referral, ids["work"])}, "work_legal", 302),
        ("teamwork.decline_referral", "POST", f"/referrals/{ids['decline']}/decline",
         {"reason": "no_capacity", "version": version(Referral, ids["decline"])},
         "work_legal", 302),
        ("cases.close_case", "POST", f"/cases/{ids['close']}/close",
         {"outcome": "needs_met", "version": version(Case, ids["close"])}, "manage", 302),
        ("cases.reopen_case", "POST", f"/cases/{ids['reopen']}/reopen",
         {"version": version(Case, ids["reopen"])}, "manage", 302),
    ]


def team_routes():
    """(endpoint, path, roles that get 200 or 302); everybody else gets 403."""
    return [
        ("teamwork.my_queue", "/teams/", TEAM_PAGE_USERS),
        ("teamwork.queue", "/teams/legal/queue", LEGAL_QUEUE_USERS),
        ("teamwork.queue", "/teams/legal/queue?status=pending&assignee=me&need=documents&language=ar",
         LEGAL_QUEUE_USERS),
        ("teamwork.appointments", "/teams/appointments", TEAM_PAGE_USERS),
        ("teamwork.appointments", "/teams/appointments?span=week&day=2026-01-05", TEAM_PAGE_USERS),
        ("teamwork.expiring", "/teams/legal/expiring", LEGAL_QUEUE_USERS),
    ]


def _send(client, method, path, data):
    if method == "GET":
        return client.get(path)
    data = {k: (v() if callable(v) else v) for k, v in data.items()}
    return client.post(path, data=data)


@pytest.mark.parametrize("role", ROLES)
def test_every_case_route_answers_as_the_access_rules_say(make, auth, client, role):
    w = build_world(make)
    ids = setup_objects(make, w)
    auth.login(w.email(role))
    for _endpoint, method, path, data, may, ok in routes(w, ids):
        response = _send(client, method, path, data)
        assert response.status_code == expected(role, may, ok), (role, method, path)


@pytest.mark.parametrize("role", ROLES)
def test_every_team_route_answers_as_the_access_rules_say(make, auth, client, role):
    w = build_world(make)
    auth.login(w.email(role))
    for _endpoint, path, allowed in team_routes():
        response = client.get(path)
        if role in allowed:
            assert response.status_code in (200, 302), (role, path)
            assert "Haddad" not in response.get_data(as_text=True) or role != "other"
        else:
            assert response.status_code == 403, (role, path)


@pytest.mark.parametrize("role", ["legal", "supervisor", "other"])
def test_unknown_team_or_foreign_site_is_not_found(make, auth, client, role):
    build_world(make)
    auth.login(f"{role}@example.test")
    assert client.get("/teams/nonsense/queue").status_code == 404
    foreign = "CN" if role != "other" else "TO"
    assert client.get(f"/teams/legal/queue?site={foreign}").status_code == 404
    assert client.get(f"/teams/legal/expiring?site={foreign}").status_code == 404


def test_the_walk_covers_every_case_and_team_route(app, make):
    w = build_world(make)
    ids = {k: 1 for k in ("case", "note", "appointment", "goal", "doc", "accept", "work",
                          "decline", "close", "reopen")}
    walked = {(e, m) for e, m, *_ in routes(w, ids)} | {(e, "GET") for e, *_ in team_routes()}
    existing = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
                if rule.endpoint.split(".")[0] in ("cases", "careplan", "teamwork")
                or rule.endpoint in ("counter.add_document", "counter.edit_document")
                for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert existing == walked


def test_a_case_of_another_site_is_not_found_even_by_id(make, auth, client):
    w = build_world(make)
    other_case = make.case(site=make.site("CN"), referrals=("legal",))
    auth.login(w.email("supervisor"))
    assert client.get(f"/cases/{other_case.id}").status_code == 404
    assert client.get(f"/cases/{other_case.id}/notes").status_code == 404


def test_past_appointments_of_other_days_are_not_listed(make, auth, client, today):
    w = build_world(make)
    db.session.add(Appointment(case_id=w.case.id, team_id=w.team("legal").id,
                               starts_at=datetime.combine(today - timedelta(days=9),
                                                          datetime.min.time())))
    db.session.commit()
    auth.login(w.email("legal"))
    assert "Haddad" not in client.get("/teams/appointments").get_data(as_text=True)
