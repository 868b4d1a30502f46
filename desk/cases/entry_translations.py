"""Translations of a case's free-text entries besides notes: care-plan goals and their
actions, case-conference decisions, decline explanations. The original is never changed."""

from collections import defaultdict

from flask_babel import gettext as _

from ..audit.services import audit
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.cases import Case
from ..models.history import TRANSLATABLE_ENTRIES, EntryTranslation
from ..vocab.names import is_language
from .note_services import _clean_body


def original_text(entry: str, row) -> str | None:
    return getattr(row, TRANSLATABLE_ENTRIES[entry][1])


def translate_entry(actor, entry: str, row, language: str, body: str) -> EntryTranslation:
    """`row` was loaded through policy.get_case_entry_or_404."""
    if not original_text(entry, row):
        raise ActionRefused(_("There is no text to translate."))
    body = _clean_body(body)
    if not is_language(language):
        raise ActionRefused(_("Choose the language of the translation."))
    translation = EntryTranslation(case_id=row.case_id, entry=entry, entry_id=row.id,
                                   language=language, body=body, translator_id=actor.id)
    db.session.add(translation)
    db.session.flush()
    case = db.session.get(Case, row.case_id)
    audit("create", translation, user=actor, person_id=case.person_id,
          detail={"entry": entry, "entry_id": row.id, "language": language})
    return translation


def translations_of_case(case_id: int) -> dict[tuple[str, int], list[EntryTranslation]]:
    """(entry, entry id) -> its translations, oldest first, for a case the reader may see."""
    found = defaultdict(list)
    rows = db.session.scalars(db.select(EntryTranslation).where(EntryTranslation.case_id == case_id)
                              .options(db.joinedload(EntryTranslation.translator))
                              .order_by(EntryTranslation.created_at, EntryTranslation.id))
    for row in rows:
        found[(row.entry, row.entry_id)].append(row)
    return dict(found)
