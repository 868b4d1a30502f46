"""Writing the shared history. Services call record_event() in the same transaction as the change."""

from ..extensions import db
from ..vocab.codes import TIMELINE_KINDS
from .history_models import TimelineEvent


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
