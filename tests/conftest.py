"""Fixtures: a fresh database per test, on SQLite by default or on PostgreSQL when
TEST_DATABASE_URL (or DATABASE_URL) names one; the app's clock set to a fixed moment."""

import os
import threading
from contextlib import contextmanager
from datetime import datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, text

from desk import create_app
from desk.common import clock as timeutil
from desk.extensions import db

from .factories import Factories


def _worker_database(url: str | None) -> str | None:
    """Under pytest-xdist (`make test` runs `-n auto`) each worker gets a PostgreSQL database
    of its own, named after the one given plus the worker's id, created here and dropped at
    the end of the session; without xdist the database given is used as it is."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker or not url.startswith(("postgresql://", "postgresql+psycopg://")):
        return url
    import psycopg

    base, name = url.rsplit("/", 1)
    own = f"{name}_{worker}"
    plain = base.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{own}"')
    return f"{base}/{own}"


GIVEN_PG_URL = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
PG_URL = _worker_database(GIVEN_PG_URL)

# The moment at which every test starts (naive UTC; a Wednesday, 10:30 in Rome). The app's
# clock runs on from it, so no test depends on the date or hour it runs at.
# SPORTELLO_TEST_NOW=2027-03-28T00:30 runs the whole suite from another moment.
TEST_NOW = datetime.fromisoformat(os.environ.get("SPORTELLO_TEST_NOW") or "2026-06-17T08:30:00")


def pytest_sessionfinish(session, exitstatus):
    """Leave no thread behind. The rate limiter's memory storage (limits) arms a 10 ms
    threading.Timer for each app the tests create; under a shifted clock (faketime) such a
    timed wait may never end, and the interpreter would wait for them at exit for ever."""
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()
    if PG_URL != GIVEN_PG_URL:
        _drop_worker_database(PG_URL)


def _drop_worker_database(url: str) -> None:
    import psycopg

    base, name = url.replace("postgresql+psycopg://", "postgresql://", 1).rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error as error:  # left behind: the next run drops it before creating it
        print(f"could not drop the worker database {name}: {error}")


def pytest_report_header(config):
    return f"app clock starts at {TEST_NOW.isoformat()} UTC for every test (SPORTELLO_TEST_NOW)"


@pytest.fixture(scope="session", autouse=True)
def _session_clock():
    """Session-wide fixtures (the browser tests' demo server) see the test clock too."""
    timeutil.set_clock(TEST_NOW)
    yield
    timeutil.set_clock(None)


@pytest.fixture(autouse=True)
def clock(_session_clock):
    """The app's clock, started at TEST_NOW for this test; `clock.set(moment)` moves it."""
    timeutil.set_clock(TEST_NOW)
    yield Clock()
    timeutil.set_clock(TEST_NOW)


class Clock:
    def set(self, moment: datetime) -> None:
        timeutil.set_clock(moment)

    def now(self) -> datetime:
        return timeutil.utcnow()


@pytest.fixture
def now(clock) -> datetime:
    """The test's "now" (naive UTC), as the app reads it at the start of the test."""
    return TEST_NOW


@pytest.fixture
def today(clock):
    """The desk's date at the start of the test (Europe/Rome)."""
    return timeutil.local_day(TEST_NOW)


def _database_url(tmp_path) -> str:
    if PG_URL:
        return PG_URL.replace("postgresql://", "postgresql+psycopg://", 1) if PG_URL.startswith(
            "postgresql://"
        ) else PG_URL
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture(scope="session")
def _pg_schema_ready():
    """On PostgreSQL the schema is created once; each test then empties every table."""
    return {"created": False}


@pytest.fixture
def app(tmp_path, _pg_schema_ready, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app(
        {
            "CONFIG": "testing",
            "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path),
        }
    )
    with app.app_context():
        if PG_URL:
            if not _pg_schema_ready["created"]:
                db.drop_all()
                db.create_all()
                _pg_schema_ready["created"] = True
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            # The audit chain's head, as a new database has it (models.audit).
            db.session.execute(text("INSERT INTO audit_chain (id, seq, last_hash, legacy_rows) "
                                    "VALUES (1, 0, '', 0)"))
            db.session.commit()
        else:
            db.create_all()
        yield app
        db.engine.dispose()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own database session
    and its own `g`, so nothing cached by one request (or by the test) leaks into the next."""

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make(app):
    """Factories: make.site(), make.user(...), make.person(...), make.case(...)."""
    return Factories()


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email, password=None, follow=False, second_factor=True):
        """Sign in. For users who need two-step sign-in (supervisors, admins) the code step is
        completed here too (enrolling them first if needed), unless second_factor=False.
        The sign-in counts as a fresh login (require_fresh_login) for the next minutes."""
        from .factories import DEFAULT_PASSWORD

        response = self.client.post(
            "/auth/login",
            data={"email": email, "password": password or DEFAULT_PASSWORD},
        )
        location = response.headers.get("Location", "") if response.status_code == 302 else ""
        if second_factor and "/auth/two-factor" in location:
            response = self.client.post("/auth/two-factor", data={"code": self.totp_code(email)})
        if follow and response.status_code in (301, 302, 303):
            response = self.client.get(response.headers["Location"], follow_redirects=True)
        return response

    def totp_code(self, email):
        """A valid, unused code for `email`, enrolling the user if enrolment is pending."""
        from desk.auth.services import find_user_by_email
        from desk.auth.twofactor import current_code_for_tests

        user = find_user_by_email(email)
        code = current_code_for_tests(user)
        db.session.commit()
        return code

    def logout(self):
        return self.client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def redis_or_skip(url: str, what: str) -> None:
    """Skip, saying why, when no Redis answers at `url`; under CI=true (Redis is a service
    there) fail instead, so that the Redis part is never skipped unnoticed."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        message = f"Redis at {url} does not answer ({error}): {what} not tested"
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI=true: {message}")
        print(message)
        pytest.skip(message)


@contextmanager
def recorded_statements():
    """The SQL statements run inside the block, as the database received them."""
    seen: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
