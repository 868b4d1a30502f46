"""A refused form always says why, next to the field and at the top of the page, in the reader's
language; what was refused is not saved."""

from sqlalchemy import func, select

from desk.common.forms import CONTROL_REMOVED
from desk.extensions import db
from desk.models.history import Note

from .casework import build_world, tr


def _notes() -> int:
    return db.session.scalar(select(func.count()).select_from(Note))


def test_a_nul_in_a_note_is_refused_with_its_own_message(make, auth, client):
    world = build_world(make)
    auth.login(world.email("desk"))
    response = client.post(f"/cases/{world.case.id}/notes",
                           data={"body": "a\x00b", "language": "it", "visibility": "all"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert tr(CONTROL_REMOVED._args[0]) in page
    assert 'id="body-error"' in page, "the message sits next to the text box"
    assert "\nab</textarea>" in page, "what was typed comes back, without the character"
    assert _notes() == 0


def test_the_control_character_message_is_in_the_readers_language(make, auth, client):
    world = build_world(make)
    auth.login(world.email("mediator"))  # reads Arabic
    response = client.post(f"/cases/{world.case.id}/notes",
                           data={"body": "نص\x07", "language": "ar", "visibility": "all"})
    assert response.status_code == 422
    arabic = tr(CONTROL_REMOVED._args[0], "ar")
    assert arabic != CONTROL_REMOVED._args[0]
    assert arabic in response.get_data(as_text=True)


def test_a_refused_field_that_is_not_shown_is_named_at_the_top(make, auth, client):
    """The team of a note is a hidden field when the author has one team: a wrong value still
    comes back with a message, in the summary at the top of the form."""
    world = build_world(make)
    auth.login(world.email("legal"))
    response = client.post(f"/cases/{world.case.id}/notes",
                           data={"body": "Appunto", "language": "it", "visibility": "all",
                                 "team": "not-a-team"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert tr("On behalf of the team") in summary
    assert _notes() == 0


def test_a_clean_note_is_saved_as_typed(make, auth, client):
    world = build_world(make)
    auth.login(world.email("desk"))
    response = client.post(f"/cases/{world.case.id}/notes",
                           data={"body": "riga 1\r\n\triga 2", "language": "it", "visibility": "all"})
    assert response.status_code == 302
    assert db.session.scalar(select(Note.body)) == "riga 1\r\n\triga 2"
