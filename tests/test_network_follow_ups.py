"""An outside referral whose follow-up date has come, with no outcome yet, is on the desk's
to-do list (the desk home, for the desk of the case's site) and on the case manager's and the
sender's own (the desk home marks their cases; a team member who sent it finds it on the
team queue), read through the access policy: nobody else sees it."""

import re
from datetime import timedelta

import pytest

from desk.extensions import db
from desk.models.external_referrals import ExternalReferral

from .casework import build_world
from .network_world import build_network


def _send(client, case, service):
    response = client.post(f"/cases/{case.id}/services/{service.id}/refer", data={
        "reason": "housing", "urgency": "normal", "consent_given": "y",
        "follow_up_on": "2026-06-30"})
    assert response.status_code == 302
    return db.session.query(ExternalReferral).order_by(ExternalReferral.id.desc()).first()


def _due(referral, day):
    db.session.get(ExternalReferral, referral.id).follow_up_on = day
    db.session.commit()


def _row(page, referral):
    """The to-do row of the referral, or None."""
    found = re.search(rf'<tr[^>]*data-external-referral="{referral.id}".*?</tr>', page, re.S)
    return found.group(0) if found else None


@pytest.fixture
def sent(make, auth, client, today):
    w = build_world(make)
    n = build_network(make)
    make.user(email="desk2@example.test", roles=("desk",), sites=("TO",))
    make.user(email="desk.cn@example.test", roles=("desk",), sites=("CN",))
    auth.login(w.email("desk"))  # the case manager
    referral = _send(client, w.case, n.shelter)
    auth.logout()
    return w, n, referral


def _desk_home(auth, client, email):
    auth.logout()
    auth.login(email)
    response = client.get("/people/desk")
    return response.status_code, response.get_data(as_text=True)


def test_a_due_follow_up_is_on_the_desk_home_of_the_cases_site(sent, auth, client, today):
    w, n, referral = sent
    _, page = _desk_home(auth, client, w.email("desk"))
    assert _row(page, referral) is None  # due on the 30th, not yet
    _due(referral, today)
    _, page = _desk_home(auth, client, w.email("desk"))
    row = _row(page, referral)
    assert row and "Haddad" in row and "Casa del Ponte" in row and "data-mine" in row
    _, page = _desk_home(auth, client, "desk2@example.test")  # a colleague at the same desk
    row = _row(page, referral)
    assert row and "data-mine" not in row
    _, page = _desk_home(auth, client, w.email("supervisor"))
    assert _row(page, referral)
    _, page = _desk_home(auth, client, "desk.cn@example.test")  # another site's desk
    assert _row(page, referral) is None and "Haddad" not in page


def test_an_overdue_follow_up_is_marked_and_leaves_once_the_outcome_is_recorded(sent, auth,
                                                                               client, today):
    w, n, referral = sent
    _due(referral, today - timedelta(days=3))
    _, page = _desk_home(auth, client, w.email("desk"))
    assert 'class="overdue"' in _row(page, referral)
    client.post(f"/external-referrals/{referral.id}/outcome",
                data={"version": db.session.get(ExternalReferral, referral.id).version,
                      "outcome": "did_not_go"})
    _, page = _desk_home(auth, client, w.email("desk"))
    assert _row(page, referral) is None


@pytest.mark.parametrize("role, status", [("mediator", 403), ("legal", 403), ("partner", 403),
                                          ("admin", 403), ("other", 200)])
def test_nobody_else_sees_it_on_a_desk_home(sent, auth, client, today, role, status):
    w, n, referral = sent
    _due(referral, today)
    answered, page = _desk_home(auth, client, w.email(role))  # "other": Cuneo's supervisor
    assert answered == status and _row(page, referral) is None and "Haddad" not in page


def test_a_team_member_finds_the_follow_ups_they_sent_on_the_team_queue(sent, auth, client,
                                                                        today):
    w, n, desk_referral = sent
    auth.login(w.email("legal"))
    own = _send(client, w.case, n.clinic)
    _due(own, today)
    _due(desk_referral, today)
    page = client.get("/teams/legal/queue").get_data(as_text=True)
    assert _row(page, own) and _row(page, desk_referral) is None  # not theirs
    auth.logout()
    auth.login(w.email("mediator"))  # sees the case, sent nothing
    page = client.get("/teams/mediation/queue").get_data(as_text=True)
    assert _row(page, own) is None and 'id="follow-ups"' not in page
    auth.logout()
    auth.login("desk2@example.test")
    assert _row(client.get("/people/desk").get_data(as_text=True), own)
