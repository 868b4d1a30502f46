"""Keeping the dashboard's figure tally (models.tally.FigureTally) equal to the raw rows.

Each source below counts the figures of some root rows (cases, people with their residence
documents, referrals, appointments with their interpreter requests) in SQL. Around each
session flush that changes what a figure depends on, the roots concerned are counted before
and after and the difference is added to the tally in the same transaction, at its commit, as
for the access tally (supervision/tally.py, tally_writes.py). Writes that bypass the session
(a conditional UPDATE, the merge's bulk moves) wrap themselves in `following`; bulk generation
calls `rebuild`.
"""

from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import (
    Date,
    String,
    bindparam,
    cast,
    delete,
    event,
    func,
    inspect,
    literal,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy import case as when
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..models import permits
from ..models.cases import OPEN_STATUSES as OPEN_REFERRAL
from ..models.cases import Case, Referral
from ..models.people import Person, ResidenceDocument
from ..models.plan import Appointment
from ..models.sites import Team
from ..models.tally import NO_DAY, NO_TEAM, FigureTally
from . import tally_writes
from .sqlfuncs import day_of, minutes_between

KEYS = ("figure", "site_id", "day", "team_id", "k1", "k2")
PENDING = "figure_tally_before"


def _row(figure, site_id, day, team_id, k1, k2, count, amount):
    return select(literal(figure, String).label("figure"), site_id.label("site_id"),
                  type_coerce(day, Date).label("day"), team_id.label("team_id"),
                  type_coerce(k1, String).label("k1"), type_coerce(k2, String).label("k2"),
                  count.label("count"), amount.label("amount"))


NOTHING = literal("", String)
NONE = literal(0)


def case_parts(condition) -> list:
    return [_row("case", Case.site_id, literal(NO_DAY, Date), literal(NO_TEAM), Case.status,
                 NOTHING, func.count(), NONE)
            .where(condition, Case.status != "closed").group_by(Case.site_id, Case.status)]


def permit_parts(condition) -> list:
    """The documents a renewal is counted for, whatever the day (expired or not, not
    replaced): the dashboard reads those expired before today and those expiring soon."""
    doc = ResidenceDocument
    return [_row("permit", Person.site_id, doc.expiry_date, literal(NO_TEAM), NOTHING, NOTHING,
                 func.count(), NONE)
            .join(Person, Person.id == doc.person_id)
            .where(condition, doc.expiry_date.is_not(None), doc.doc_type.not_in(permits.NO_EXPIRY),
                   ~permits.replaced_condition())
            .group_by(Person.site_id, doc.expiry_date)]


def referral_parts(condition) -> list:
    worker = func.coalesce(cast(Referral.assignee_id, String), "")
    created = day_of(Referral.created_at)
    declined = day_of(Referral.declined_at)
    is_open = Referral.status.in_(OPEN_REFERRAL)

    def part(figure, day, k1, k2, amount, *where):
        return (_row(figure, Team.site_id, day, Referral.team_id, k1, k2, func.count(), amount)
                .join(Team, Team.id == Referral.team_id).where(condition, *where)
                .group_by(Team.site_id, day, Referral.team_id, k1, k2))

    return [
        part("caseload", literal(NO_DAY, Date), Referral.status, worker,
             func.count(Referral.due_date), is_open),
        part("created", created, Referral.status, worker, NONE, is_open),
        part("due", Referral.due_date, Referral.status, worker, NONE, is_open,
             Referral.due_date.is_not(None)),
        part("declined", declined, func.coalesce(Referral.decline_reason, ""), NOTHING, NONE,
             Referral.status == "declined", Referral.declined_at.is_not(None)),
        *[part("reached", day_of(at), literal(stage, String), NOTHING,
               func.sum(minutes_between(at, Referral.created_at)), at.is_not(None))
          for stage, at in (("accepted", Referral.accepted_at),
                            ("completed", Referral.completed_at))],
    ]


def interpreter_state():
    """'requested', 'confirmed' (a mediator accepted), 'declined' or 'confirmed_declined'."""
    confirmed = Referral.accepted_at.is_not(None)
    declined = Referral.status == "declined"
    return when((confirmed & declined, "confirmed_declined"), (confirmed, "confirmed"),
                (declined, "declined"), else_="requested")


def appointment_parts(condition) -> list:
    day = day_of(Appointment.starts_at)
    language = func.coalesce(Appointment.interpreter_language, "")
    outcome = func.coalesce(Appointment.outcome, "")
    state = interpreter_state()
    return [
        _row("appointment", Team.site_id, day, Appointment.team_id, outcome, language,
             func.count(), func.coalesce(func.sum(Appointment.duration_minutes), 0))
        .join(Team, Team.id == Appointment.team_id).where(condition)
        .group_by(Team.site_id, day, Appointment.team_id, outcome, language),
        _row("interpreter", Team.site_id, day, Appointment.team_id, language, state,
             func.count(), NONE)
        .join(Team, Team.id == Appointment.team_id)
        .join(Referral, Referral.appointment_id == Appointment.id)
        .where(condition, Appointment.interpreter_language.is_not(None))
        .group_by(Team.site_id, day, Appointment.team_id, language, state),
    ]


@dataclass(frozen=True)
class Source:
    """Figures counted per root row (`root` is its id column)."""

    name: str
    root: object
    parts: Callable[[object], list]


SOURCES = {
    source.name: source for source in (
        Source("case", Case.id, case_parts),
        Source("person", Person.id, permit_parts),
        Source("referral", Referral.id, referral_parts),
        Source("appointment", Appointment.id, appointment_parts),
    )
}


@lru_cache(maxsize=16)
def _counting(names: tuple[str, ...]):
    """The counting statement of the roots of these sources, their ids bound as ids_<name>:
    built once per process for each set of sources. Building it (a dozen grouped SELECTs) took
    four times as long as running it, twice per flush of an intake (issue 21)."""
    return union_all(*(part for name in names for part in SOURCES[name].parts(
        SOURCES[name].root.in_(bindparam(f"ids_{name}", expanding=True)))))


def _counted(roots: dict[str, set]) -> tuple | None:
    """(statement, its parameters) counting the roots named, None if there are none."""
    names = tuple(sorted(name for name, ids in roots.items() if ids))
    if not names:
        return None
    return _counting(names), {f"ids_{name}": sorted(roots[name]) for name in names}


def contributions(connection, roots: dict[str, set] | None = None) -> Counter:
    """{(figure, site, day, team, k1, k2): (count, amount)} of the roots named (all if None)."""
    if roots is None:
        parts = [part for source in SOURCES.values() for part in source.parts(source.root.is_not(None))]
        query, params = union_all(*parts), {}
    else:
        counted = _counted(roots)
        if counted is None:
            return Counter()
        query, params = counted
    found = Counter()
    for row in connection.execute(query, params):
        key = tuple(row._mapping[k] for k in KEYS)
        found[key + ("count",)] += row.count
        found[key + ("amount",)] += row.amount
    return found


def add(connection, deltas: Counter) -> None:
    """Add the counts and amounts of `deltas` (as `contributions` gives them) to the tally."""
    changed: dict[tuple, dict] = {}
    for (*key, what), n in deltas.items():
        if n:
            changed.setdefault(tuple(key), {"count": 0, "amount": 0})[what] = n
    if not changed:
        return
    rows = [dict(zip(KEYS, key, strict=True), **numbers) for key, numbers in sorted(changed.items())]
    connection.execute(_upsert(connection.dialect.name), rows)


@lru_cache(maxsize=2)
def _upsert(dialect: str):
    """The figure tally's upsert, built once per dialect (see supervision/tally._upsert)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table = FigureTally.__table__
    stmt = insert(table)
    return stmt.on_conflict_do_update(
        index_elements=[table.c[k] for k in KEYS],
        set_={"count": table.c.count + stmt.excluded["count"],
              "amount": table.c.amount + stmt.excluded["amount"]})


def rebuild(connection) -> None:
    """Count the whole figure tally again from the raw rows (see supervision/tally.rebuild)."""
    table = FigureTally.__table__
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("LOCK TABLE figure_tally IN EXCLUSIVE MODE")
    connection.execute(delete(table))
    parts = [part for source in SOURCES.values() for part in source.parts(source.root.is_not(None))]
    counted = union_all(*parts).subquery()
    connection.execute(table.insert().from_select(
        [*KEYS, "count", "amount"], select(*[counted.c[k] for k in (*KEYS, "count", "amount")])))


@contextmanager
def following(session: Session, source: str, ids):
    """Count the figures of the roots `ids` of `source` before and after the statements run
    inside (writes that bypass the session's flush); the caller says whether they changed
    anything by setting `changed[0] = False` on the yielded list when they did not."""
    roots = {source: set(ids)}
    session.flush()
    before = contributions(session.connection(), roots)
    changed = [True]
    yield changed
    if changed[0]:
        after = contributions(session.connection(), roots)
        after.subtract(before)
        tally_writes.hold(session, "figure", after)


# --- which roots a flush concerns -----------------------------------------------------------


def _values(obj, name) -> set:
    """Every value the attribute had or gets in this flush (old and new), loaded if needed."""
    history = inspect(obj).attrs[name].history
    values = {*history.deleted, *history.unchanged, *history.added}
    if not values and name in inspect(obj).unloaded:
        values = {getattr(obj, name)}
    return {v for v in values if v is not None}


def _changed(obj, fields) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in fields)


def _parent_id(obj, column: str, relation: str) -> set:
    """The id of the row `obj` belongs to, through its column or its relationship."""
    found = _values(obj, column)
    parent = getattr(obj, relation) if not found else None
    if parent is not None and parent.id is not None:
        found.add(parent.id)
    return found


CASE_FIELDS = ("site_id", "status")
DOC_FIELDS = ("person_id", "doc_type", "expiry_date")
REFERRAL_FIELDS = ("team_id", "status", "assignee_id", "created_at", "due_date", "declined_at",
                   "decline_reason", "appointment_id", "accepted_at", "completed_at")
APPOINTMENT_FIELDS = ("team_id", "starts_at", "outcome", "interpreter_language",
                      "duration_minutes")


def _roots_before(session: Session) -> dict[str, set]:
    """The roots a flush concerns, before it: those of the stored rows changed or deleted,
    and the stored parents of new rows (the new rows' own ids are known after it)."""
    roots = {name: set() for name in SOURCES}
    for state, objects in (("new", session.new), ("dirty", session.dirty),
                           ("deleted", session.deleted)):
        for obj in objects:
            _collect(obj, state, roots)
    return roots


def _collect(obj, state: str, roots: dict[str, set]) -> None:
    new, dirty = state == "new", state == "dirty"
    if isinstance(obj, Case):
        if not new and (not dirty or _changed(obj, CASE_FIELDS)):
            roots["case"].add(obj.id)
    elif isinstance(obj, ResidenceDocument):
        if not dirty or _changed(obj, DOC_FIELDS):
            roots["person"] |= _parent_id(obj, "person_id", "person")
    elif isinstance(obj, Person):
        if not new and (not dirty or _changed(obj, ("site_id",))):
            roots["person"].add(obj.id)
    elif isinstance(obj, Referral):
        if not new and (not dirty or _changed(obj, REFERRAL_FIELDS)):
            roots["referral"].add(obj.id)
        if not dirty or _changed(obj, ("appointment_id", "status", "accepted_at")):
            roots["appointment"] |= _parent_id(obj, "appointment_id", "appointment")
    elif isinstance(obj, Appointment):
        if not new and (not dirty or _changed(obj, APPOINTMENT_FIELDS)):
            roots["appointment"].add(obj.id)


WATCHED = (Case, ResidenceDocument, Person, Referral, Appointment)


def _before_flush(session: Session, _context, _instances) -> None:
    session.info.pop(PENDING, None)
    new = [obj for obj in session.new if isinstance(obj, WATCHED)]
    if not new and not any(isinstance(obj, WATCHED) for obj in (*session.dirty, *session.deleted)):
        return
    with session.no_autoflush:
        roots = _roots_before(session)
    before = contributions(session.connection(), roots) if any(roots.values()) else Counter()
    session.info[PENDING] = (before, roots, new)


def _after_flush(session: Session, _context) -> None:
    pending = session.info.pop(PENDING, None)
    if pending is None:
        return
    before, roots, new = pending
    for obj in new:
        if isinstance(obj, Case):
            roots["case"].add(obj.id)
        elif isinstance(obj, Referral):
            roots["referral"].add(obj.id)
            if obj.appointment_id is not None:
                roots["appointment"].add(obj.appointment_id)
        elif isinstance(obj, Appointment):
            roots["appointment"].add(obj.id)
        elif isinstance(obj, ResidenceDocument):
            roots["person"].add(obj.person_id)
    if not any(roots.values()):
        return
    after = contributions(session.connection(), roots)
    after.subtract(before)
    tally_writes.hold(session, "figure", after)


def keep_figures() -> None:
    """Register the hooks (once per process; they apply to every ORM session)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)

