"""How the database stands, for /healthz: reachable, writable, not out of space.

Asked without waiting for anyone: a writer holding SQLite's lock makes the answer "busy" (the
database is fine, a change is being saved), never a health check that hangs.
"""

import shutil
from pathlib import Path

from flask import current_app
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..extensions import db
from . import db_faults
from .transactions import is_sqlite


def database_state() -> dict:
    """{"database": ok | unreachable | read_only | full, "writes": ok | busy}"""
    engine = db.engine
    try:
        with engine.connect() as connection:
            if is_sqlite(engine):
                state, writes = _sqlite_state(connection)
            else:
                read_only = connection.exec_driver_sql("SHOW transaction_read_only").scalar()
                connection.rollback()
                state, writes = ("read_only" if read_only == "on" else "ok"), "ok"
    except SQLAlchemyError:
        return {"database": "unreachable", "writes": "no"}
    if state == "ok":
        state = db_faults.recently_seen() or _disk_state(engine)
    return {"database": state, "writes": writes if state == "ok" else "no"}


def _sqlite_state(connection) -> tuple[str, str]:
    """A write that changes nothing, in a transaction rolled back, with no wait for the lock."""
    busy = int(current_app.config["SQLITE_BUSY_TIMEOUT_MS"])
    raw = connection.connection.dbapi_connection
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        raw.execute("BEGIN IMMEDIATE")
        try:
            raw.execute("UPDATE audit_chain SET seq = seq WHERE 1 = 0")
        finally:
            raw.execute("ROLLBACK")
    except Exception as error:  # sqlite3's own errors: this runs below SQLAlchemy
        kind = _sqlite_kind(error)
        if kind == db_faults.BUSY:
            return "ok", "busy"
        if kind in (db_faults.READ_ONLY, db_faults.FULL):
            return kind, "no"
        raise SQLAlchemyError(str(error)) from error
    finally:
        raw.execute(f"PRAGMA busy_timeout = {busy}")
    return "ok", "ok"


def _sqlite_kind(error: Exception) -> str | None:
    return db_faults.fault_of(OperationalError("probe", {}, error))


def _disk_state(engine) -> str:
    """"full" when the disk of the SQLite file has less than HEALTH_MIN_FREE_MB free."""
    if not is_sqlite(engine) or engine.url.database in (None, "", ":memory:"):
        return "ok"
    folder = Path(engine.url.database.removeprefix("file:")).parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return "ok"
    return "full" if free < current_app.config["HEALTH_MIN_FREE_MB"] * 1024 * 1024 else "ok"
