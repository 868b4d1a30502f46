"""The bell and the list: the unread count in the top bar, unread first, opening a notification
leads to its case or queue and marks it read, mark all read; nobody reads another's; the e-mail
settings are saved per kind and refuse what is not a choice."""

import re

import pytest
from sqlalchemy import select

from desk.counter.intake_services import Route, route_case
from desk.extensions import db
from desk.models.notifications import Notification, NotificationPreference
from desk.notifications.services import notify

from .notifyworld import notify_world


@pytest.fixture
def w(make):
    return notify_world(make)


def bell_count(html: str) -> int:
    found = re.search(r'class="bell-count"[^>]*>(\d+)<', html)
    return int(found.group(1)) if found else 0


def test_the_bell_counts_unread_notifications(w, auth, client):
    auth.login(w.email("legal"))
    assert bell_count(client.get("/notifications/").get_data(as_text=True)) == 0
    route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
    notify("referral_overdue", [w.users["legal"]], case=w.case,
           payload={"team_kind": "legal", "site": "TO", "stage": "team"})
    notify("referral_overdue", [w.users["legal2"]], case=w.case)  # someone else's
    db.session.commit()
    page = client.get("/teams/legal/queue?site=TO").get_data(as_text=True)
    assert bell_count(page) == 2


def test_the_list_shows_unread_first_and_opening_leads_to_the_queue(w, auth, client):
    route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
    older = notify("referral_assigned", [w.users["legal"]], case=w.case,
                   payload={"team_kind": "legal", "site": "TO"})[0]
    db.session.commit()
    auth.login(w.email("legal"))
    assert client.post(f"/notifications/{older.id}/read").status_code == 302
    html = client.get("/notifications/").get_data(as_text=True)
    ids = [int(i) for i in re.findall(r'data-notification="(\d+)"', html)]
    team_note = db.session.scalar(select(Notification).where(
        Notification.kind == "referral_to_team", Notification.user_id == w.users["legal"].id))
    assert ids == [team_note.id, older.id]  # the unread one first
    assert w.case.reference in html and "Yusuf" not in html
    response = client.post(f"/notifications/{team_note.id}/open")
    assert response.headers["Location"].endswith("/teams/legal/queue?site=TO")
    assert bell_count(client.get("/notifications/").get_data(as_text=True)) == 0


def test_an_assignment_opens_the_case(w, auth, client):
    note = notify("referral_assigned", [w.users["legal"]], case=w.case)[0]
    db.session.commit()
    auth.login(w.email("legal"))
    response = client.post(f"/notifications/{note.id}/open")
    assert response.headers["Location"].endswith(f"/cases/{w.case.id}")


def test_mark_all_read(w, auth, client):
    for _ in range(3):
        notify("referral_overdue", [w.users["legal"], w.users["legal2"]], case=w.case)
    db.session.commit()
    auth.login(w.email("legal"))
    assert client.post("/notifications/read-all").status_code == 302
    assert bell_count(client.get("/notifications/").get_data(as_text=True)) == 0
    unread = db.session.scalars(select(Notification.user_id).where(
        Notification.read_at.is_(None))).all()
    assert set(unread) == {w.users["legal2"].id}  # another's stay unread


def test_nobody_opens_or_marks_anothers_notification(w, auth, client):
    note = notify("referral_assigned", [w.users["legal2"]], case=w.case)[0]
    db.session.commit()
    auth.login(w.email("legal"))
    assert client.post(f"/notifications/{note.id}/open").status_code == 404
    assert client.post(f"/notifications/{note.id}/read").status_code == 404
    assert "data-notification" not in client.get("/notifications/").get_data(as_text=True)
    assert db.session.get(Notification, note.id).read_at is None


def test_signed_out_users_go_to_sign_in(client):
    assert client.get("/notifications/").status_code == 302
    assert client.post("/notifications/read-all").status_code == 302


def test_email_settings_are_saved_per_kind(w, auth, client):
    auth.login(w.email("mediator"))
    form = client.get("/notifications/settings").get_data(as_text=True)
    assert 'name="mode_interpreter_request"' in form
    data = {"mode_" + kind: "digest" for kind in ("referral_to_team", "referral_assigned",
            "referral_declined", "referral_overdue", "permit_expiring", "permit_expired",
            "transfer", "external_referral")}
    data["mode_interpreter_request"] = "immediate"
    assert client.post("/notifications/settings", data=data).status_code == 302
    saved = dict(db.session.execute(select(NotificationPreference.kind,
                                           NotificationPreference.email_mode)).all())
    assert saved["interpreter_request"] == "immediate" and saved["transfer"] == "digest"


def test_email_settings_refuse_what_is_not_a_choice(w, auth, client):
    auth.login(w.email("legal"))
    response = client.post("/notifications/settings", data={"mode_referral_to_team": "hourly"})
    assert response.status_code == 422
    assert db.session.scalars(select(NotificationPreference)).all() == []
