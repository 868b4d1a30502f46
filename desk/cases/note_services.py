"""Notes on the shared history and their translations. An original is never changed."""

from flask_babel import gettext as _

from ..audit.services import audit
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.cases import Case
from ..models.history import Note, NoteTranslation, record_event
from ..models.staff import author_teams
from ..vocab.codes import VISIBILITIES
from ..vocab.names import is_language

MAX_NOTE_LENGTH = 20_000


def _clean_body(body: str | None) -> str:
    body = (body or "").strip()
    if not body:
        raise ActionRefused(_("Write the text of the note."))
    if len(body) > MAX_NOTE_LENGTH:
        raise ActionRefused(_("The text is too long."))
    return body


def write_note(actor, case, body: str, language: str, visibility: str, team_id=None) -> Note:
    body = _clean_body(body)
    if not is_language(language):
        raise ActionRefused(_("Choose the language the note is written in."))
    if visibility not in VISIBILITIES:
        raise ActionRefused(_("Choose who may read the note."))
    teams = author_teams(actor, case)
    team = next((t for t in teams if t.id == team_id), teams[0] if teams else None)
    if visibility == "team" and team is None:
        raise ActionRefused(_("Only a team member can write a note confidential to a team."))
    note = Note(case_id=case.id, author_id=actor.id, team_id=team.id if team else None,
                language=language, body=body, visibility=visibility)
    db.session.add(note)
    db.session.flush()
    record_event(case, "note", actor, team=team, visibility=visibility,
                 payload={"note_id": note.id, "language": language})
    audit("create", note, user=actor, person_id=case.person_id)
    db.session.flush()
    return note


def translate_note(actor, note: Note, language: str, body: str) -> NoteTranslation:
    body = _clean_body(body)
    if not is_language(language):
        raise ActionRefused(_("Choose the language of the translation."))
    if language == note.language:
        raise ActionRefused(_("The note is already written in this language."))
    translation = NoteTranslation(note_id=note.id, language=language, body=body,
                                  translator_id=actor.id)
    db.session.add(translation)
    db.session.flush()
    case = db.session.get(Case, note.case_id)
    record_event(case, "note_translated", actor, team=note.team, visibility=note.visibility,
                 payload={"note_id": note.id, "translation_id": translation.id,
                          "language": language})
    audit("create", translation, user=actor, person_id=case.person_id)
    db.session.flush()
    return translation

