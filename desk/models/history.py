"""The shared history of a case: timeline events, notes and their translations."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import TIMELINE_KINDS, VISIBILITIES
from .sites import Team
from .types import check_in
from .users import User


class TimelineEvent(db.Model):
    """Append-only: events are written by services, never edited."""

    __tablename__ = "timeline_event"
    __table_args__ = (
        check_in("kind", TIMELINE_KINDS),
        check_in("visibility", VISIBILITIES),
        Index("ix_timeline_event_case_time", "case_id", "occurred_at"),
        Index("ix_timeline_event_kind_time", "kind", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(32))
    # Codes and ids only: labels are rendered in the reader's locale.
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    # "all": every entitled reader; "team": only members of team_id.
    visibility: Mapped[str] = mapped_column(String(8), default="all")

    actor: Mapped[User | None] = relationship()
    team: Mapped[Team | None] = relationship()


class Note(db.Model):
    __tablename__ = "note"
    __table_args__ = (
        check_in("visibility", VISIBILITIES),
        Index("ix_note_case_time", "case_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    language: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(8), default="all")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship()
    team: Mapped[Team | None] = relationship()
    translations: Mapped[list["NoteTranslation"]] = relationship(
        back_populates="note", order_by="NoteTranslation.created_at"
    )


class NoteTranslation(db.Model):
    """A translation attached to a note; the original is never overwritten."""

    __tablename__ = "note_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("note.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    note: Mapped[Note] = relationship(back_populates="translations")
    translator: Mapped[User | None] = relationship()


# Writing the shared history: services call record_event() in the same transaction as the
# change it records.


def record_event(
    case,
    kind: str,
    actor=None,
    *,
    team=None,
    payload: dict | None = None,
    visibility: str = "all",
    occurred_at=None,
) -> TimelineEvent:
    """Append one event to the case's timeline. Payloads hold codes and ids, never labels."""
    if kind not in TIMELINE_KINDS:
        raise ValueError(f"unknown timeline kind {kind!r}")
    if visibility == "team" and team is None:
        raise ValueError("a confidential event needs the team it is confidential to")
    event = TimelineEvent(
        case_id=case.id,
        kind=kind,
        actor_id=actor.id if actor is not None else None,
        team_id=team.id if team is not None else None,
        payload=payload or {},
        visibility=visibility,
    )
    if occurred_at is not None:
        event.occurred_at = occurred_at
    db.session.add(event)
    return event


# The free-text entries of a case, besides notes, that a mediator may translate:
# entry kind -> (table, column). The original is never overwritten.
TRANSLATABLE_ENTRIES = {
    "goal": ("care_plan_goal", "goal"),
    "actions": ("care_plan_goal", "actions"),
    "conference": ("case_conference", "decisions"),
    "decline": ("referral", "decline_text"),
}


class EntryTranslation(db.Model):
    """A translation of a care-plan goal or its actions, a conference's decisions or a decline
    explanation (TRANSLATABLE_ENTRIES); shown next to the original, which stays as written."""

    __tablename__ = "entry_translation"
    __table_args__ = (
        check_in("entry", TRANSLATABLE_ENTRIES),
        Index("ix_entry_translation_case", "case_id", "entry", "entry_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    entry: Mapped[str] = mapped_column(String(16))
    entry_id: Mapped[int]
    language: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    translator: Mapped[User | None] = relationship()
