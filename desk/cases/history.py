"""Reading the shared history: one page of the events a user may see, ready to show."""

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.models import User
from ..auth.rules import visible_events, visible_notes
from ..extensions import db
from ..i18n import format_date, format_datetime, join_words
from ..pagination import paginate
from ..teams.models import Team
from ..vocab import codes as v
from ..vocab.names import language_name
from .history_models import Note, NoteTranslation, TimelineEvent
from .plan_models import CaseConference

PER_PAGE = 25  # a screenful or two; older entries are a page away

KEY_LABELS = {
    "team": _l("Team"), "team_kind": _l("Team"), "teams": _l("Teams present"), "reason": _l("Reason"),
    "outcome": _l("Outcome"), "previous_outcome": _l("Previous outcome"),
    "assignee_id": _l("Assigned to"), "previous_assignee_id": _l("Previously assigned to"),
    "from": _p("status change", "From"), "to": _p("status change", "To"), "language": _l("Language"),
    "language_used": _l("Language used"), "interpreter_language": _l("Interpreter"),
    "starts_at": _l("When"), "dimension": _l("Dimension"), "status": _l("Status"),
    "change": _p("history detail", "Change"), "review_date": _l("Review date"), "held_on": _l("Date"),
    "doc_type": _l("Document"), "expiry_date": _l("Expiry date"), "needs": _l("Needs"),
    "priority": _l("Priority"), "due_date": _l("Due date"), "channel": _l("Channel"),
    "urgency": _l("Urgency"), "mediator_present": _l("Mediator present"),
}
CHANGES = {"added": _l("added"), "updated": _l("updated")}
VOCAB_BY_KEY = {
    "team": v.TEAM_KINDS, "team_kind": v.TEAM_KINDS, "teams": v.TEAM_KINDS, "dimension": v.TEAM_KINDS, "needs": v.NEEDS,
    "priority": v.PRIORITIES, "urgency": v.URGENCIES, "channel": v.CHANNELS,
    "doc_type": v.PERMIT_TYPES, "change": CHANGES, "decline_reason": v.DECLINE_REASONS,
}
VOCAB_BY_KIND = {
    "referral_made": {"reason": v.REFERRAL_REASONS},
    "referral_declined": {"reason": v.DECLINE_REASONS},
    "referral_completed": {"outcome": v.REFERRAL_OUTCOMES},
    "case_closed": {"outcome": v.CASE_OUTCOMES, "from": v.CASE_STATUSES},
    "case_reopened": {"previous_outcome": v.CASE_OUTCOMES},
    "access_recorded": {"outcome": v.ACCESS_OUTCOMES},
    "status_changed": {"from": v.CASE_STATUSES, "to": v.CASE_STATUSES},
    "care_plan_changed": {"status": v.GOAL_STATUSES},
}
USER_KEYS = {"assignee_id", "previous_assignee_id"}
LANGUAGE_KEYS = {"language", "language_used", "interpreter_language"}
DATE_KEYS = {"review_date", "held_on", "expiry_date", "due_date"}
DATETIME_KEYS = {"starts_at"}
NOTE_KINDS = {"note", "note_translated"}
# Shown by the note itself, next to its text.
HIDDEN_BY_KIND = {"note": {"language"}}


@dataclass
class Entry:
    event: TimelineEvent
    details: list[tuple[str, str]] = field(default_factory=list)
    note: Note | None = None
    conference: CaseConference | None = None


def _value(kind: str, key: str, value, users: dict[int, str]) -> str:
    vocab = VOCAB_BY_KIND.get(kind, {}).get(key) or VOCAB_BY_KEY.get(key)
    if isinstance(value, list):
        return join_words(_value(kind, key, item, users) for item in value)
    if key in USER_KEYS:
        return users.get(value, "—")
    if key in LANGUAGE_KEYS:
        return language_name(value)
    try:
        if key in DATE_KEYS:
            return format_date(date.fromisoformat(value))
        if key in DATETIME_KEYS:
            return format_datetime(datetime.fromisoformat(value), "short")
    except (TypeError, ValueError):
        return str(value)
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    return v.label(vocab, value) if vocab else str(value)


def describe(event: TimelineEvent, users: dict[int, str]) -> list[tuple[str, str]]:
    """The payload as (label, value) pairs in the reader's locale; ids stay hidden."""
    details = []
    for key, value in (event.payload or {}).items():
        if value in (None, "", []) or (key.endswith("_id") and key not in USER_KEYS):
            continue
        if key in HIDDEN_BY_KIND.get(event.kind, ()):
            continue
        name = KEY_LABELS.get(key, key.replace("_", " "))
        details.append((str(name), _value(event.kind, key, value, users)))
    return details


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
