"""Timing requests under concurrency, and the floor: the same request's SQL run bare.

The SQL of a request is captured in-process (Flask test client, same app, same user) with a
before_cursor_execute listener; commits are turned into flushes while capturing, so a write
request leaves nothing behind and its statements can be replayed in a transaction that is
rolled back. The replay uses the DB-API cursor directly: no ORM, no HTTP, no templates.
"""

import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.orm import Session

from .harness import Browser, Response

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@dataclass
class Measure:
    name: str
    samples: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    wall: float = 0.0
    skipped: str | None = None

    def pct(self, q: float) -> float | None:
        if not self.samples:
            return None
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000

    @property
    def p50(self):
        return self.pct(0.5)

    @property
    def p95(self):
        return self.pct(0.95)

    @property
    def throughput(self) -> float | None:
        return len(self.samples) / self.wall if self.wall and self.samples else None

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


Flow = Callable[[Browser, int], Response]


def load(name: str, port: int, cookies: dict, flow: Flow, clients: int = 4,
         requests: int = 150, max_seconds: float = 20.0, ok=(200,)) -> Measure:
    """Run `flow` from `clients` threads until `requests` are done or time is up; the last
    response of each flow is the one timed."""
    measure = Measure(name)
    probe = Browser(port, cookies)
    try:
        first = flow(probe, 0)
    finally:
        probe.close()
    if first.status == 404:
        measure.skipped = "not built yet"
        return measure
    counter = iter(range(1, 10**9))
    lock = threading.Lock()

    def worker():
        browser = Browser(port, cookies)
        try:
            flow(browser, 0)  # warm-up, not counted
            deadline = time.monotonic() + max_seconds  # at least one measured request
            first = True
            while first or time.monotonic() < deadline:
                first = False
                with lock:
                    number = next(counter)
                if number > requests:
                    return
                response = flow(browser, number)
                with lock:
                    measure.statuses[response.status] += 1
                    if response.status in ok:
                        measure.samples.append(response.seconds)
        finally:
            browser.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    measure.wall = time.perf_counter() - started
    return measure


class ClientBrowser(Browser):
    """The Browser API over the Flask test client, recording each request's SQL."""

    def __init__(self, app):
        super().__init__(port=0)
        self.app = app
        self.client = app.test_client()
        self.statements: list[tuple[str, object, bool]] = []

    def request(self, method, path, fields=None):
        self.statements = []
        started = time.perf_counter()
        from werkzeug.datastructures import MultiDict

        data = MultiDict(fields) if fields is not None else None
        response = self.client.open(path, method=method, data=data,
                                    headers={"Accept-Language": "it"})
        elapsed = time.perf_counter() - started
        headers = {k.lower(): v for k, v in response.headers.items()}
        return Response(response.status_code, headers, response.get_data(), elapsed, path)

    def close(self):
        pass


@contextmanager
def capturing(app, browser: ClientBrowser, no_commit: bool):
    """Record statements into browser.statements; with no_commit, COMMIT becomes a flush."""
    from desk.extensions import db

    with app.app_context():
        engine = db.engine

    def listener(conn, cursor, statement, parameters, context, executemany):
        browser.statements.append((statement, parameters, executemany))

    original = Session.commit
    event.listen(engine, "before_cursor_execute", listener)
    if no_commit:
        Session.commit = Session.flush
    try:
        yield
    finally:
        Session.commit = original
        event.remove(engine, "before_cursor_execute", listener)


def sequence_state(app) -> list[tuple[str, int, bool]]:
    """PostgreSQL: where each id sequence stands, so a replay of captured INSERTs gets the
    same ids as the capture did (the rows its later statements point to)."""
    from desk.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return []
        with db.engine.connect() as connection:
            # Not the audit log's: a read page's audit rows were committed by the capture
            # (write_aside), so their ids must not be given again.
            names = connection.exec_driver_sql(
                "SELECT schemaname || '.' || sequencename FROM pg_sequences "
                "WHERE left(sequencename, 9) <> 'audit_log'").scalars().all()
            state = [(name, *connection.exec_driver_sql(
                f"SELECT last_value, is_called FROM {name}").one()) for name in names]
            connection.rollback()
        return state


def _reset_sequences(cursor, sequences) -> None:
    for name, last_value, is_called in sequences:
        cursor.execute("SELECT setval(%s, %s, %s)", (name, last_value, is_called))


def replay(app, statements, repeats: int = 30, sequences=(), budget: float = 10.0) -> Measure:
    """Time the captured statements run bare on one connection, rolled back each time."""
    from desk.extensions import db

    measure = Measure("bare SQL")
    work = [s for s in statements if not s[0].lstrip().upper().startswith(TRANSACTION_CONTROL)]
    with app.app_context():
        with db.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            sqlite = db.engine.dialect.name == "sqlite"
            for _ in range(repeats):
                if len(measure.samples) >= 3 and sum(measure.samples) > budget:
                    break
                cursor = raw.cursor()
                if sequences:
                    _reset_sequences(cursor, sequences)
                    raw.commit()
                started = time.perf_counter()
                if sqlite:
                    cursor.execute("BEGIN")
                for statement, parameters, many in work:
                    parameters = _unclashed(statement, parameters, many)
                    rows = list(parameters) if many else []
                    if rows and isinstance(rows[0], (list, tuple, dict)):
                        cursor.executemany(statement, [p if isinstance(p, dict) else tuple(p)
                                                       for p in rows])
                    else:
                        cursor.execute(statement, parameters)
                    if cursor.description:
                        cursor.fetchall()
                raw.rollback() if not sqlite else cursor.execute("ROLLBACK")
                measure.samples.append(time.perf_counter() - started)
                cursor.close()
            if sequences:
                cursor = raw.cursor()
                _reset_sequences(cursor, sequences)
                raw.commit()
                cursor.close()
    measure.wall = sum(measure.samples)
    return measure


# The audit rows of a page are committed on a connection of their own (common.transactions.
# write_aside), so the capture's rows stay, and a replay of their INSERT would meet the unique
# sequence number the chain gave them: the replay numbers them far above any real row.
_SEQ_OFFSET = 1_000_000_000


def _unclashed(statement: str, parameters, many: bool):
    head = statement.lstrip()[:40].lower()
    if not head.startswith("insert into audit_log"):
        return parameters
    columns = [c.strip().strip('"') for c in
               statement[statement.index("(") + 1:statement.index(")")].split(",")]
    if "seq" not in columns:
        return parameters
    position = columns.index("seq")

    def shift(row):
        # One row, or several rendered into one INSERT (SQLAlchemy's "insertmanyvalues":
        # positional values row after row, or named seq__0, seq__1, ...).
        if isinstance(row, dict):
            return {key: value + _SEQ_OFFSET
                    if (key == "seq" or key.startswith("seq__")) and value is not None else value
                    for key, value in row.items()}
        row = list(row)
        for index in range(position, len(row), len(columns)):
            if isinstance(row[index], int):
                row[index] += _SEQ_OFFSET
        return tuple(row)

    return [shift(row) for row in parameters] if many else shift(parameters)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")
