"""A partner organisation's account: it sees exactly the referrals sent to its organisation,
with the letter's data only; acknowledges, records the outcome and replies, which the case
manager sees on the timeline. Nothing else of the desk answers it."""

import pytest

from desk.extensions import db
from desk.models.external_referrals import ExternalReferral
from desk.models.history import Note, TimelineEvent

from .casework import build_world
from .network_world import build_network
from .test_access_rules import routes, setup_objects, team_routes


def _send(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    for service in (n.shelter, n.clinic):
        client.post(f"/cases/{w.case.id}/services/{service.id}/refer",
                    data={"reason": "housing", "urgency": "urgent", "consent_given": "y",
                          "follow_up_on": "2026-06-30", "agreed": "Va giovedì"})
    auth.logout()
    shelter_ref, clinic_ref = db.session.query(ExternalReferral).order_by(ExternalReferral.id)
    return w, n, shelter_ref, clinic_ref


def test_a_partner_sees_exactly_the_referrals_sent_to_its_organisation(make, auth, client):
    w, n, mine, theirs = _send(make, auth, client)
    auth.login(n.partner_email)
    inbox = client.get("/partner/")
    assert inbox.status_code == 200
    page = inbox.get_data(as_text=True)
    assert f"/partner/referrals/{mine.id}" in page and f"/partner/referrals/{theirs.id}" not in page
    assert client.get(f"/partner/referrals/{mine.id}").status_code == 200
    assert client.get(f"/partner/referrals/{theirs.id}").status_code == 404
    assert client.get(f"/external-referrals/{mine.id}").status_code == 403
    assert client.get(f"/external-referrals/{mine.id}/letter").status_code == 403


def test_the_partner_page_shows_the_letters_data_and_nothing_confidential(make, auth, client):
    w, n, mine, _theirs = _send(make, auth, client)
    db.session.add(Note(case_id=w.case.id, language="it", body="Nota riservata",
                        visibility="all"))
    db.session.commit()
    auth.login(n.partner_email)
    page = client.get(f"/partner/referrals/{mine.id}").get_data(as_text=True)
    assert "Haddad" in page and "Va giovedì" in page
    assert "Nota riservata" not in page and "Ambulatorio ISI" not in page


def test_partner_acknowledges_records_outcome_and_replies_on_the_timeline(make, auth, client):
    w, n, mine, _theirs = _send(make, auth, client)
    auth.login(n.partner_email)
    client.post(f"/partner/referrals/{mine.id}/acknowledge", data={"version": 1})
    client.post(f"/partner/referrals/{mine.id}/outcome",
                data={"version": 2, "outcome": "taken_in_charge"})
    client.post(f"/partner/referrals/{mine.id}/reply", data={"body": "Accolto da noi stanotte."})
    db.session.refresh(mine)
    assert (mine.status, mine.outcome) == ("closed", "taken_in_charge")
    events = [e.kind for e in db.session.query(TimelineEvent).filter_by(case_id=w.case.id)]
    assert {"external_referral_acknowledged", "external_referral_outcome", "note"} <= set(events)
    auth.logout()
    auth.login(w.email("desk"))
    case_page = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert "Accolto da noi stanotte." in case_page


def test_a_partner_cannot_work_another_organisations_referral(make, auth, client):
    w, n, _mine, theirs = _send(make, auth, client)
    auth.login(n.partner_email)
    assert client.post(f"/partner/referrals/{theirs.id}/acknowledge",
                       data={"version": 1}).status_code == 404
    assert client.post(f"/partner/referrals/{theirs.id}/reply",
                       data={"body": "x"}).status_code == 404
    db.session.refresh(theirs)
    assert theirs.status == "sent"


def test_a_partner_signs_in_with_two_steps(make, auth, client):
    w, n, *_ = _send(make, auth, client)
    response = auth.login(n.partner_email, second_factor=False)
    assert "/auth/two-factor" in response.headers["Location"]


def test_staff_have_no_partner_inbox(make, auth, client):
    w, n, *_ = _send(make, auth, client)
    auth.login(w.email("supervisor"))
    assert client.get("/partner/").status_code == 403


@pytest.mark.parametrize("path", ["/people/search?q=Haddad", "/people/new", "/counter/",
                                  "/supervision/", "/supervision/export/cases.csv",
                                  "/network/services", "/network/follow-ups", "/admin/users",
                                  "/teams/"])
def test_a_partner_gets_nothing_else_of_the_desk(make, auth, client, path):
    w, n, *_ = _send(make, auth, client)
    auth.login(n.partner_email)
    response = client.get(path)
    assert response.status_code in (403, 404), path
    assert "Yusuf" not in response.get_data(as_text=True)


def test_every_case_and_team_route_refuses_a_partner(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    ids = setup_objects(make, w)
    auth.login(n.partner_email)
    for _endpoint, method, path, data, _may, _ok in routes(w, ids):
        data = {k: (v() if callable(v) else v) for k, v in (data or {}).items()}
        response = client.get(path) if method == "GET" else client.post(path, data=data)
        assert response.status_code == 404, (method, path)
    for _endpoint, path, _allowed in team_routes():
        assert client.get(path).status_code == 403, path


def test_a_reply_sent_twice_is_one_note(make, auth, client):
    import re
    w, n, mine, _theirs = _send(make, auth, client)
    auth.login(n.partner_email)
    page = client.get(f"/partner/referrals/{mine.id}").get_data(as_text=True)
    token = re.search(r'name="form_token"[^>]*value="([^"]+)"', page).group(1)
    before = db.session.query(Note).filter_by(case_id=w.case.id).count()
    for _ in range(2):
        client.post(f"/partner/referrals/{mine.id}/reply",
                    data={"body": "Accolto da noi stanotte.", "form_token": token})
    assert db.session.query(Note).filter_by(case_id=w.case.id).count() == before + 1


def test_the_desk_is_told_when_the_partner_acknowledges_records_the_outcome_and_replies(
        make, auth, client):
    w, n, mine, _theirs = _send(make, auth, client)
    auth.login(n.partner_email)
    client.post(f"/partner/referrals/{mine.id}/acknowledge", data={"version": 1})
    client.post(f"/partner/referrals/{mine.id}/outcome",
                data={"version": 2, "outcome": "taken_in_charge"})
    auth.logout()
    # The desk operator manages the case and sent the referral: told once per step, and no one
    # else (the partner who acted is not told of its own steps).
    from desk.models.notifications import Notification
    told = db.session.query(Notification).filter_by(kind="external_referral").all()
    assert {n_.user_id for n_ in told} == {w.users["desk"].id}
    assert sorted(n_.payload["what"] for n_ in told) == ["acknowledged", "outcome"]
    auth.login(w.email("desk"))
    inbox = client.get("/notifications/", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert n.shelter.organisation.name in inbox and w.case.reference in inbox
