"""Keeping the access tally (models.tally.AccessTally) equal to the raw rows.

Whatever changes an access (its site, time, channel, language, person or needs) or a person's
nationality or preferred language goes through a session flush. Around each such flush the
contributions of the accesses concerned are counted from the database twice, before and after,
and the difference is added to the tally in the same transaction, at its commit
(tally_writes.py): new, edited and deleted rows are all covered, a rolled-back change takes its
tally change with it, and concurrent writers only add to counts (one upsert at commit, in key
order, so they do not deadlock).
Bulk inserts that bypass the session (desk/sampledata/generate.py) call rebuild() afterwards.
"""

from collections import Counter
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import bindparam, delete, event, func, inspect, literal, or_, select, union_all
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..models.cases import Access, AccessNeed
from ..models.people import Person
from ..models.tally import NOT_RECORDED, AccessTally, FigureTally
from . import figure_tally, tally_writes
from .sqlfuncs import day_of

ACCESS_FIELDS = ("site_id", "occurred_at", "channel", "language_used", "person_id", "need_rows")
NEED_FIELDS = ("access_id", "need")
PERSON_FIELDS = ("nationality", "preferred_language")
PENDING = "access_tally_before"


def _counted(condition):
    """SELECT of (site_id, dimension, day, code, count) for the accesses matching `condition`."""
    day = day_of(Access.occurred_at)
    language = func.coalesce(Access.language_used, Person.preferred_language, NOT_RECORDED)
    nationality = func.coalesce(Person.nationality, NOT_RECORDED)
    needs = (AccessNeed, AccessNeed.access_id == Access.id)
    person = (Person, Access.person_id == Person.id)

    def part(dimension, code, *joins):
        query = select(Access.site_id, literal(dimension).label("dimension"), day.label("day"),
                       code.label("code"), func.count().label("count"))
        for target, on in joins:
            query = query.join(target, on)
        return query.where(condition).group_by(Access.site_id, day, code)

    return union_all(
        part("channel", Access.channel),
        part("need", AccessNeed.need, needs),
        part("nationality", nationality, needs, person),
        part("language", language, needs, person),
    )


def contributions(connection, condition) -> Counter:
    return _by_key(connection.execute(_counted(condition)))


def _by_key(rows) -> Counter:
    return Counter({(r.site_id, r.dimension, r.day, r.code): r.count for r in rows})


@lru_cache(maxsize=1)
def _counting_concerned():
    """The count of the accesses a flush concerns (bound: access_ids, person_ids), built once
    per process: building it took longer than running it, twice per flush (issue 21)."""
    return _counted(or_(Access.id.in_(bindparam("access_ids", expanding=True)),
                        Access.person_id.in_(bindparam("person_ids", expanding=True))))


def add(connection, deltas: Counter) -> None:
    """Add each (site, dimension, day, code) -> n of `deltas` to the tally (n may be < 0)."""
    rows = [{"site_id": s, "dimension": dim, "day": d, "code": c, "count": n}
            for (s, dim, d, c), n in sorted(deltas.items()) if n]
    if not rows:
        return
    connection.execute(_upsert(connection.dialect.name), rows)


@lru_cache(maxsize=2)
def _upsert(dialect: str):
    """The tally's upsert, built once per dialect (building it each time cost more than
    running it)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table = AccessTally.__table__
    stmt = insert(table)
    return stmt.on_conflict_do_update(
        index_elements=[table.c.site_id, table.c.dimension, table.c.day, table.c.code],
        set_={"count": table.c.count + stmt.excluded["count"]})


def rebuild(connection) -> None:
    """Count the whole tally again from the raw rows (after bulk inserts, or rows written
    around the app). Safe while the app runs: on PostgreSQL the table is locked against the
    app's increments first, so an intake either is counted here or adds itself after."""
    table = AccessTally.__table__
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("LOCK TABLE access_tally IN EXCLUSIVE MODE")
    connection.execute(delete(table))
    counted = _counted(Access.id.is_not(None)).subquery()
    connection.execute(table.insert().from_select(
        ["site_id", "dimension", "day", "code", "count"], select(counted)))


# --- the session hooks ------------------------------------------------------------------------


def _changed(obj, fields) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in fields)


def _concerned(session: Session) -> tuple[set, set, list]:
    """(ids of stored accesses, ids of people, new Access objects) this flush may recount."""
    access_ids, person_ids, new = set(), set(), []
    for obj in session.new:
        if isinstance(obj, Access):
            new.append(obj)
        elif isinstance(obj, AccessNeed) and obj.access_id is not None:
            access_ids.add(obj.access_id)
    for obj in session.dirty:
        if isinstance(obj, Access) and _changed(obj, ACCESS_FIELDS):
            access_ids.add(obj.id)
        elif isinstance(obj, Person) and _changed(obj, PERSON_FIELDS):
            person_ids.add(obj.id)
        elif isinstance(obj, AccessNeed) and _changed(obj, NEED_FIELDS):
            history = inspect(obj).attrs["access_id"].history
            access_ids.update(i for i in (*history.deleted, *history.unchanged,
                                          *history.added) if i is not None)
    for obj in session.deleted:
        if isinstance(obj, Access):
            access_ids.add(obj.id)
        elif isinstance(obj, AccessNeed):
            access_ids.add(obj.access_id)
    access_ids.discard(None)
    return access_ids, person_ids, new


def _concerned_contributions(session: Session, access_ids, person_ids) -> Counter:
    return _by_key(session.connection().execute(
        _counting_concerned(), {"access_ids": sorted(access_ids), "person_ids": sorted(person_ids)}))


def _before_flush(session: Session, _context, _instances) -> None:
    session.info.pop(PENDING, None)
    access_ids, person_ids, new = _concerned(session)
    if not (access_ids or person_ids or new):
        return
    before = Counter()
    if access_ids or person_ids:
        before = _concerned_contributions(session, access_ids, person_ids)
    session.info[PENDING] = (before, access_ids, person_ids, new)


def _after_flush(session: Session, _context) -> None:
    pending = session.info.pop(PENDING, None)
    if pending is None:
        return
    before, access_ids, person_ids, new = pending
    access_ids = access_ids | {a.id for a in new if a.id is not None}
    after = _concerned_contributions(session, access_ids, person_ids)
    after.subtract(before)
    tally_writes.hold(session, "access", after)


@contextmanager
def following_people(session: Session, person_ids):
    """Keep both tallies right around statements that move rows between people outside the
    session (the merge of two records): their accesses and documents are counted before and
    after."""
    ids = sorted(set(person_ids))
    condition = Access.person_id.in_(ids)
    with figure_tally.following(session, "person", ids):
        before = contributions(session.connection(), condition)
        yield
        after = contributions(session.connection(), condition)
    after.subtract(before)
    tally_writes.hold(session, "access", after)


def rebuild_all(connection) -> None:
    """Count the access tally and the figure tally (supervision/figure_tally.py) again. A
    database a migration behind the figure tally (generated, then upgraded) has it counted by
    that migration instead."""
    rebuild(connection)
    if inspect(connection).has_table(FigureTally.__tablename__):
        figure_tally.rebuild(connection)


def keep_tally() -> None:
    """Register the hooks of both tallies (once per process; they apply to every ORM
    session)."""
    tally_writes.register("access", add)
    tally_writes.register("figure", figure_tally.add)
    tally_writes.keep_writes()
    figure_tally.keep_figures()
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)
