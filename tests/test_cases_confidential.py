"""A note confidential to a team never leaks: not on the case page, not in any filter of the
timeline, not on any other page of the application, not to supervisors."""

import pytest
from sqlalchemy import select

from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.history import Note
from desk.models.plan import Appointment

from .casework import build_world, tr

SECRET = "Referto clinico riservato XYZ"

# The privacy access export is walked too: it lists how many entries other teams hold in
# confidence, never their text (see desk/privacy/export.py).
DELIBERATE_EXCEPTIONS: dict[str, str] = {}


@pytest.fixture
def world_with_secret(make, auth, client):
    w = build_world(make, referrals=("legal", "mediation", "health"))
    db.session.add(Appointment(case_id=w.case.id, team_id=w.team("health").id,
                               starts_at=utcnow()))
    db.session.commit()
    auth.login(w.email("health"))
    response = client.post(f"/cases/{w.case.id}/notes", data={
        "body": SECRET, "language": "it", "visibility": "team", "team": w.team("health").id})
    assert response.status_code == 302
    auth.logout()
    return w


def _urls(app, ids):
    """Every GET page of the app whose arguments we can fill in."""
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.endswith(
                ".static"):
            continue
        if set(rule.arguments) - set(ids) or rule.endpoint in DELIBERATE_EXCEPTIONS:
            continue
        yield rule.build({name: ids[name] for name in rule.arguments}, append_unknown=False)[1]


def test_health_team_reads_its_confidential_note(world_with_secret, auth, client):
    w = world_with_secret
    auth.login(w.email("health"))
    html = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert SECRET in html and tr("Confidential to the team") in html


@pytest.mark.parametrize("role", ["legal", "supervisor", "mediator", "desk", "social", "admin"])
def test_confidential_note_is_on_no_page_for_other_readers(app, world_with_secret, auth, client,
                                                          role):
    w = world_with_secret
    note = db.session.scalar(select(Note))
    appointment = db.session.scalar(select(Appointment))
    ids = {"case_id": w.case.id, "note_id": note.id, "person_id": w.case.person_id,
           "appointment_id": appointment.id, "team_kind": "health",
           "referral_id": w.case.referrals[0].id}
    auth.login(w.email(role))
    extra = [f"/cases/{w.case.id}?kind=note", f"/cases/{w.case.id}?team=health",
             f"/cases/{w.case.id}?kind=note_translated", "/teams/legal/queue"]
    for url in [*_urls(app, ids), *extra]:
        try:
            response = client.get(url)
        except Exception:  # another area's page failing is its own tests' business
            continue
        if not response.mimetype.startswith(("text/", "application/json")):
            continue  # an icon, a spreadsheet: no page text to look in
        assert SECRET not in response.get_data(as_text=True), (role, url)
    assert client.get(f"/notes/{note.id}/translate").status_code == 404
    assert client.post(f"/notes/{note.id}/translate",
                       data={"language": "en", "body": "x"}).status_code == 404


def test_desk_operator_cannot_write_a_confidential_note(make, auth, client):
    w = build_world(make)
    auth.login(w.email("desk"))
    response = client.post(f"/cases/{w.case.id}/notes", data={
        "body": "Riservata?", "language": "it", "visibility": "team"})
    assert response.status_code == 422
    assert db.session.scalar(select(Note)) is None
    assert "Riservata?" in response.get_data(as_text=True)  # what was typed is kept
