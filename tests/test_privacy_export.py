"""The access export: everything held about the person, nothing of anyone else; supervisors
only, after a fresh password, audited, in the person's language."""

import json
from datetime import timedelta

from sqlalchemy import select

from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.users import LoginSession

from .casework import build_world
from .privacy_world import rich_person


def _two_people(make):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki",
                        original=("Алиса", "Мбеки"))
    bob = rich_person(make, world.site, world.users, "bob", "Bobby", "Okonkwo")
    return world, alice, bob


def test_export_json_holds_every_record_of_the_person_and_nothing_of_another(make, auth, client):
    world, alice, bob = _two_people(make)
    auth.login(world.email("supervisor"))
    response = client.get(f"/privacy/people/{alice.person.id}/export.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    data = json.loads(body)
    for key, text in alice.texts.items():
        if key != "secret":  # confidential to the health team: see the next test
            assert text in body, text
    for text in ("Alice", "Mbeki", "Алиса", "Мбеки", "+393331234567", "RSSMRA80A01H501U",
                 "1990-05-17"):
        assert text in body
    for text in list(bob.texts.values()) + ["Bobby", "Okonkwo"]:
        assert text not in body, text
    # The Yusuf Haddad of the world's case is someone else too.
    assert "Haddad" not in body and "Yusuf" not in body
    case = data["cases"][0]
    assert {"referrals", "notes", "timeline", "appointments", "care_plan", "conferences"} <= set(case)
    assert [t["text"] for n in case["notes"] for t in n["translations"]] == [
        alice.texts["translation"]]
    assert {n["code"] for a in data["accesses"] for n in a["needs"]} == {"documents", "health"}
    assert any(row["action"] == "view" for row in data["audit"])


def test_export_is_audited_with_its_confidential_entries(make, auth, client):
    world, alice, _bob = _two_people(make)
    auth.login(world.email("supervisor"))
    client.get(f"/privacy/people/{alice.person.id}/export")
    client.get(f"/privacy/people/{alice.person.id}/export.json")
    rows = db.session.scalars(select(AuditLog).where(
        AuditLog.action == "export", AuditLog.person_id == alice.person.id)).all()
    assert [row.detail["format"] for row in rows] == ["page", "json"]
    assert all(row.detail["confidential_entries"] == {"included": 0, "withheld": 2}
               for row in rows)
    assert all(row.user_id == world.users["supervisor"].id for row in rows)


def test_other_teams_confidential_entries_are_listed_not_shown(make, auth, client):
    """The supervisor producing the export does not read the health team's clinical note;
    the export says it exists; a supervisor of the health team gets it in full."""
    world, alice, _bob = _two_people(make)
    auth.login(world.email("supervisor"))
    data = client.get(f"/privacy/people/{alice.person.id}/export.json").get_json()
    case = data["cases"][0]
    assert alice.texts["secret"] not in json.dumps(data)
    assert [w["team"]["code"] for w in case["withheld_confidential_notes"]] == ["health"]
    assert case["withheld_confidential_events"] == 1
    auth.logout()
    make.user(email="sup-health@example.test", roles=("supervisor",), teams=("health",))
    auth.login("sup-health@example.test")
    data = client.get(f"/privacy/people/{alice.person.id}/export.json").get_json()
    case = data["cases"][0]
    secret = next(n for n in case["notes"] if n["text"] == alice.texts["secret"])
    assert secret["confidential_to_team"] is True and secret["team"]["code"] == "health"
    assert case["withheld_confidential_notes"] == []


def test_printable_export_is_in_the_persons_language_and_escapes_html(make, auth, client):
    world = build_world(make)
    person = rich_person(make, world.site, world.users, "<script>alert(1)</script>", "Zoe",
                         "Ferrante").person
    auth.login(world.email("supervisor"))
    page = client.get(f"/privacy/people/{person.id}/export").get_data(as_text=True)
    assert 'lang="fr"' in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_export_of_a_person_without_a_desk_language_comes_in_italian_and_english(
        make, auth, client):
    world = build_world(make)
    person = make.person(site=world.site, given="Tigist", family="Alemu", languages=("am",))
    auth.login(world.email("supervisor"))
    page = client.get(f"/privacy/people/{person.id}/export").get_data(as_text=True)
    assert 'lang="it"' in page and 'lang="en"' in page


def test_only_supervisors_of_the_site_may_export(make, auth, client):
    world, alice, _bob = _two_people(make)
    url = f"/privacy/people/{alice.person.id}/export.json"
    for role, status in (("desk", 403), ("legal", 403), ("admin", 404), ("other", 404)):
        auth.login(world.email(role))
        assert client.get(url).status_code == status, role
        auth.logout()


def test_export_needs_a_fresh_password(make, auth, client):
    world, alice, _bob = _two_people(make)
    auth.login(world.email("supervisor"))
    for row in db.session.scalars(select(LoginSession)):
        row.fresh_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    response = client.get(f"/privacy/people/{alice.person.id}/export.json")
    assert response.status_code == 302
    assert "/auth/reauthenticate" in response.headers["Location"]
    assert not db.session.scalars(select(AuditLog).where(AuditLog.action == "export")).all()
