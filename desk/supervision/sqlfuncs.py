"""Date arithmetic that SQLite and PostgreSQL spell differently, as portable SQL expressions.

Each construct names its parts in `_traverse_internals`, so statements using it get a cache
key and are compiled once, not on every request."""

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Date, Float, Integer, String


class days_between(ColumnElement):  # noqa: N801  (reads like a SQL function)
    """Fractional days from `start` to `end` (two timestamp columns)."""

    inherit_cache = True
    _traverse_internals = [("end", InternalTraversal.dp_clauseelement),
                           ("start", InternalTraversal.dp_clauseelement)]
    type = Float()

    def __init__(self, end, start):
        self.end = end
        self.start = start


@compiles(days_between)
def _days_between_default(element, compiler, **kw):
    end, start = compiler.process(element.end, **kw), compiler.process(element.start, **kw)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    end, start = compiler.process(element.end, **kw), compiler.process(element.start, **kw)
    return f"(julianday({end}) - julianday({start}))"


class minutes_between(days_between):  # noqa: N801
    """Whole minutes from `start` to `end` (rounded), as an integer."""

    inherit_cache = True
    type = Integer()


@compiles(minutes_between)
def _minutes_between_default(element, compiler, **kw):
    return f"CAST(round({_days_between_default(element, compiler, **kw)} * 1440) AS INTEGER)"


@compiles(minutes_between, "sqlite")
def _minutes_between_sqlite(element, compiler, **kw):
    return f"CAST(round({_days_between_sqlite(element, compiler, **kw)} * 1440) AS INTEGER)"


class _OfColumn(ColumnElement):
    """An expression of one column."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column):
        self.column = column


class week_start(_OfColumn):  # noqa: N801
    """The Monday of a timestamp's week, as text 'YYYY-MM-DD'."""

    inherit_cache = True
    type = String()


@compiles(week_start)
def _week_start_default(element, compiler, **kw):
    return f"to_char(date_trunc('week', {compiler.process(element.column, **kw)}), 'YYYY-MM-DD')"


@compiles(week_start, "sqlite")
def _week_start_sqlite(element, compiler, **kw):
    # The Sunday on or after the day, minus six days: the Monday on or before it.
    return f"date({compiler.process(element.column, **kw)}, 'weekday 0', '-6 days')"


class month_of(_OfColumn):  # noqa: N801
    """A timestamp coarsened to its month, as text 'YYYY-MM'."""

    inherit_cache = True
    type = String()


@compiles(month_of)
def _month_default(element, compiler, **kw):
    return f"to_char({compiler.process(element.column, **kw)}, 'YYYY-MM')"


@compiles(month_of, "sqlite")
def _month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.column, **kw)})"


class day_of(_OfColumn):  # noqa: N801
    """The calendar day of a timestamp, as a date."""

    inherit_cache = True
    type = Date()


@compiles(day_of)
def _day_default(element, compiler, **kw):
    return f"CAST({compiler.process(element.column, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.column, **kw)})"
