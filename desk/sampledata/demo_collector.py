"""Collects demo rows and writes them in a few batched flushes instead of row by row.

Rows whose foreign keys have no relationship (notes, appointments, goals, conferences) are
held until the cases exist, interpreter requests until their appointments do; timeline
events, whose payloads hold ids, come last.
"""

from dataclasses import dataclass, field
from datetime import datetime

from ..extensions import db
from ..models.history import record_event


@dataclass
class _Event:
    case: object
    kind: str
    actor: object
    at: datetime
    team: object = None
    visibility: str = "all"
    payload: dict = field(default_factory=dict)


class Collector:
    def __init__(self):
        self._first: list = []
        self._second: list[tuple[object, dict]] = []
        self._third: list[tuple[object, dict]] = []
        self._events: list[_Event] = []

    def add(self, obj) -> None:
        self._first.append(obj)

    def add_later(self, obj, **refs) -> None:
        """Add `obj` once every object in refs has an id: add_later(note, case_id=case)."""
        self._second.append((obj, refs))

    def add_last(self, obj, **refs) -> None:
        """Like add_later, for rows pointing to those (an appointment's interpreter request)."""
        self._third.append((obj, refs))

    def event(self, case, kind, actor, at, *, on_team=None, visibility="all", **payload):
        """A timeline event; payload values that are rows become their ids when written."""
        self._events.append(_Event(case, kind, actor, at, on_team, visibility, payload))

    def write(self) -> None:
        session = db.session
        session.add_all(self._first)
        session.flush()
        for later in (self._second, self._third):
            for obj, refs in later:
                for attribute, ref in refs.items():
                    setattr(obj, attribute, ref.id if ref is not None else None)
                session.add(obj)
            session.flush()
        for event in sorted(self._events, key=lambda e: e.at):
            record_event(
                event.case, event.kind, event.actor, team=event.team,
                payload={key: _ids(value) for key, value in event.payload.items()},
                visibility=event.visibility, occurred_at=event.at,
            )
        session.flush()
        self.__init__()


def _ids(value):
    """Payloads keep codes and ids: objects become their ids."""
    if isinstance(value, list | tuple):
        return [_ids(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if hasattr(value, "__table__"):
        return value.id
    return value
