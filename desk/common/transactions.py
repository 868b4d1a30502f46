"""Engine tuning and the one-transaction-per-request rule (init_transactions)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..extensions import db

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Set inside `reading_without_write_lock`: what BEGIN asks for, whatever the context says.
_LOCK_AT_BEGIN: ContextVar[bool | None] = ContextVar("sqlite_lock_at_begin", default=None)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def configure_sqlite(engine: Engine, busy_timeout_ms: int, mmap_bytes: int = 0,
                     cache_kib: int = 0) -> None:
    """WAL, foreign keys, busy timeout; writers take the lock at BEGIN so they queue, not fail.
    Memory-mapped reads and the page cache size as configured (0: SQLite's defaults).

    pysqlite's own transaction handling is switched off (isolation_level=None) so that
    SQLAlchemy's BEGIN is the one that runs: the recipe from SQLAlchemy's SQLite dialect docs.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            if mmap_bytes:
                cursor.execute(f"PRAGMA mmap_size = {int(mmap_bytes)}")
        if cache_kib:
            cursor.execute(f"PRAGMA cache_size = {-int(cache_kib)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if wants_write_lock() else "BEGIN")


def wants_write_lock() -> bool:
    """Requests that change data, and CLI commands, take the write lock at BEGIN."""
    chosen = _LOCK_AT_BEGIN.get()
    if chosen is not None:
        return chosen
    if has_request_context():
        return request.method in UNSAFE_METHODS
    if has_app_context():
        return current_app.config.get("SQLITE_LOCK_OUTSIDE_REQUESTS", True)
    return True


@contextmanager
def reading_without_write_lock() -> Iterator[None]:
    """Transactions begun inside take no write lock at BEGIN (SQLite): for long reads outside
    a request (a register's dry run in the worker), so that the desk keeps writing meanwhile.
    End the transaction inside (rollback) and write nothing in it; what it found is written
    afterwards, in a transaction of its own that takes the lock as usual."""
    token = _LOCK_AT_BEGIN.set(False)
    try:
        yield
    finally:
        _LOCK_AT_BEGIN.reset(token)


def read_only(view):
    """Mark a route that must not write: whatever it changed is rolled back at the boundary."""
    view.read_only = True
    return view


def write_aside(work: Callable[[Session], None]) -> bool:
    """Run `work(session)` in a short transaction of its own, on a connection of its own,
    waiting at most WRITE_ASIDE_WAIT_MS for a lock held by someone else; True if it was
    written. For what a page records on the side (its audit rows, the session's last
    activity): a page must neither wait for another writer nor fail because of one."""
    engine = db.engine
    wait = int(current_app.config.get("WRITE_ASIDE_WAIT_MS", 250))
    sqlite = is_sqlite(engine)
    if sqlite and engine.url.database in (None, "", ":memory:"):
        # One connection holds an in-memory database: write in the request's session.
        db.session.commit()
        work(db.session)
        db.session.commit()
        return True
    try:
        with engine.connect() as connection:
            try:
                with Session(bind=connection) as session, session.begin():
                    session.execute(text(f"PRAGMA busy_timeout = {wait}") if sqlite else
                                    text(f"SET LOCAL lock_timeout = '{wait}ms'"))
                    work(session)
            finally:
                if sqlite:
                    busy = int(current_app.config["SQLITE_BUSY_TIMEOUT_MS"])
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {busy}")
                    connection.commit()
    except SQLAlchemyError as error:
        current_app.logger.info("written later, the database was busy: %s", error)
        return False
    return True


def _end_quietly(commit: bool) -> None:
    if commit:
        db.session.commit()
        return
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection is gone: nothing to roll back
        db.session.remove()


def init_transactions(app) -> None:
    """One transaction per request, ended in one place: after the view, committed if the
    response is not an error (status below 400) and the route writes, rolled back otherwise.
    Services only flush; nothing else commits during a request (the audit rows of a page
    that is only shown are written afterwards, in a short transaction: desk.audit)."""

    @app.after_request
    def end_transaction(response):
        view = app.view_functions.get(request.endpoint) if request.endpoint else None
        _end_quietly(response.status_code < 400 and not getattr(view, "read_only", False))
        return response


def configure_postgresql(engine: Engine, jit: bool) -> None:
    """Session settings of each new connection: JIT compilation off unless asked for."""
    if jit:
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True  # a SET outside any transaction, kept for good
        dbapi_connection.execute("SET jit = off")
        dbapi_connection.autocommit = autocommit


def configure_engine(app) -> None:
    with app.app_context():
        engine = db.engine
        if is_sqlite(engine):
            configure_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"],
                             app.config.get("SQLITE_MMAP_BYTES", 0),
                             app.config.get("SQLITE_CACHE_KIB", 0))
        elif engine.dialect.name == "postgresql":
            configure_postgresql(engine, app.config.get("POSTGRESQL_JIT", False))
