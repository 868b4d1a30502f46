"""What a database error means for the person waiting: the connection was lost, the database
is unreachable, busy (a writer holds the lock), read-only, or out of disk space.

Both engines are read the same way: SQLite by its result code, PostgreSQL by its SQLSTATE.
The last "full" or "read-only" seen is remembered for a while, so `/healthz` reports it to
monitoring even on PostgreSQL, where no query can ask whether the disk is full.
"""

import sqlite3
import time

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

DISCONNECTED, UNREACHABLE, BUSY, FULL, READ_ONLY = (
    "disconnected", "unreachable", "busy", "full", "read_only")

_SQLITE_CODES = {5: BUSY, 6: BUSY, 8: READ_ONLY, 13: FULL, 14: UNREACHABLE}
# 40P01 (deadlock) and 40001 (serialization failure): the transaction was rolled back for
# another one's sake; nothing was saved and sending again works.
_PG_STATES = {"53100": FULL, "25006": READ_ONLY, "55P03": BUSY, "40P01": BUSY, "40001": BUSY,
              "57P01": DISCONNECTED, "57P02": DISCONNECTED, "57P03": UNREACHABLE}
_SQLITE_WORDS = (("database is locked", BUSY), ("disk is full", FULL),
                 ("readonly database", READ_ONLY), ("read-only", READ_ONLY))
# How long a full or read-only database stays reported after the last error that showed it.
REMEMBER_SECONDS = 300
_seen: dict[str, float] = {}


def fault_of(error: BaseException | None) -> str | None:
    """The kind of database fault behind `error` (None if it is not one)."""
    if not isinstance(error, SQLAlchemyError):
        return None
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return DISCONNECTED
    original = getattr(error, "orig", None)
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _SQLITE_CODES:
            return _SQLITE_CODES[code & 0xFF]
        text = str(original).lower()
        return next((kind for words, kind in _SQLITE_WORDS if words in text), None)
    state = getattr(original, "sqlstate", None)
    if state in _PG_STATES:
        return _PG_STATES[state]
    if state and state.startswith("08"):
        return DISCONNECTED
    if state is None and type(original).__name__ == "OperationalError":
        return UNREACHABLE  # psycopg could not connect at all (no SQLSTATE)
    return None


def remember(kind: str | None) -> None:
    if kind in (FULL, READ_ONLY):
        _seen[kind] = time.monotonic()


def recently_seen() -> str | None:
    """FULL or READ_ONLY if a request met it within REMEMBER_SECONDS."""
    now = time.monotonic()
    for kind in (FULL, READ_ONLY):
        if kind in _seen and now - _seen[kind] < REMEMBER_SECONDS:
            return kind
    return None


def forget() -> None:
    _seen.clear()
