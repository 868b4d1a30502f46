"""Reading the shared history: one page of the events a user may see, ready to show."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..common.pagination import paginate
from ..extensions import db
from ..models.history import Note, NoteTranslation, TimelineEvent
from ..models.plan import CaseConference
from ..models.sites import Team
from ..models.users import User
from ..policy import visible_events, visible_notes
from ..vocab import codes as v
from ..vocab.timeline import USER_KEYS, describe

PER_PAGE = 25  # a screenful or two; older entries are a page away

NOTE_KINDS = {"note", "note_translated"}


@dataclass
class Entry:
    event: TimelineEvent
    details: list[tuple[str, str]] = field(default_factory=list)
    note: Note | None = None
    conference: CaseConference | None = None


def _ids(events, kinds, key) -> set[int]:
    return {e.payload.get(key) for e in events if e.kind in kinds and e.payload.get(key)}


def build_entries(user, case, events) -> list[Entry]:
    """Each event with its details, and the note or conference it is about (batched loads)."""
    note_ids = _ids(events, NOTE_KINDS, "note_id")
    notes = {n.id: n for n in db.session.scalars(
        visible_notes(user, case).where(Note.id.in_(note_ids)).options(
            joinedload(Note.author),
            selectinload(Note.translations).joinedload(NoteTranslation.translator)))
    } if note_ids else {}
    conference_ids = _ids(events, {"case_conference"}, "conference_id")
    conferences = {c.id: c for c in db.session.scalars(
        select(CaseConference).where(CaseConference.id.in_(conference_ids),
                                     CaseConference.case_id == case.id)
        .options(selectinload(CaseConference.teams)))
    } if conference_ids else {}
    user_ids = {e.payload.get(k) for e in events for k in USER_KEYS} - {None}
    users = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(user_ids))
                                    ).all()) if user_ids else {}
    return [
        Entry(event=e, details=describe(e, users),
              note=notes.get(e.payload.get("note_id")) if e.kind == "note" else None,
              conference=conferences.get(e.payload.get("conference_id")))
        for e in events
    ]


def timeline_page(user, case, *, team_kind: str | None = None, kind: str | None = None,
                  page: int = 1, per_page: int = PER_PAGE):
    """(pagination, entries) for one page of the case's visible history, newest first."""
    stmt = visible_events(user, case).options(
        joinedload(TimelineEvent.actor), joinedload(TimelineEvent.team))
    if team_kind:
        stmt = stmt.where(TimelineEvent.team_id.in_(
            select(Team.id).where(Team.site_id == case.site_id, Team.kind == team_kind)))
    if kind in v.TIMELINE_KINDS:
        stmt = stmt.where(TimelineEvent.kind == kind)
    pagination = paginate(stmt, page, per_page)
    return pagination, build_entries(user, case, pagination.items)
