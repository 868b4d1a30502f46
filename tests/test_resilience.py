"""What people see when the database restarts, is unreachable, read-only or full, or when
another process holds SQLite's write lock (issue 25)."""

import re
import sqlite3
import time
from datetime import timedelta

import psycopg
import pytest
from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from desk import create_app
from desk.audit.services import later
from desk.common import db_faults
from desk.common.error_pages import FAULT_PAGES
from desk.extensions import db
from desk.models import receipts
from desk.models.audit import AuditLog
from desk.models.history import Note, NoteTranslation
from desk.models.people import ResidenceDocument
from desk.models.plan import Appointment, CarePlanGoal, CaseConference

from .casework import build_world
from .conftest import PG_URL, AuthActions, IsolatedClient, _database_url
from .factories import Factories

NEEDS_POSTGRESQL = "needs PostgreSQL: set TEST_DATABASE_URL to a database of your own"
BUSY_SECONDS = 4
SQLITE_ONLY = "SQLite's write lock and file modes; PostgreSQL has its own test below"


@pytest.fixture(autouse=True)
def _no_fault_remembered():
    db_faults.forget()
    yield
    db_faults.forget()


def _title(kind: str, locale: str) -> str:
    """The title of the page of this fault in `locale`, as the page's HTML writes it."""
    with force_locale(locale):
        return str(escape(str(FAULT_PAGES[kind][1])))


def _app_on(url: str, **config):
    return create_app({"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": url,
                       "PROPAGATE_EXCEPTIONS": False, **config})


def _client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


# --- A restart of PostgreSQL ------------------------------------------------------------------

def test_page_after_postgresql_ended_every_connection_is_shown(app, make, auth, client):
    if not PG_URL:
        pytest.skip(NEEDS_POSTGRESQL)
    w = build_world(make)
    case_id = w.case.id
    auth.login(w.email("legal"))
    assert client.get(f"/cases/{case_id}").status_code == 200
    db.session.commit()
    killer = create_engine(_database_url(None), poolclass=NullPool)
    with killer.connect() as connection:
        ended = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    killer.dispose()
    assert ended >= 1  # the app's pooled connections, as after a restart

    db.session.remove()  # the test's own connection was ended too
    response = client.get(f"/cases/{case_id}")
    assert response.status_code == 200
    assert "Yusuf" in response.get_data(as_text=True)


def test_page_that_loses_its_connection_midway_is_read_once_more(app, make, auth, client):
    calls = []

    @app.route("/test/lost-connection", methods=["GET", "POST"])
    def lose_connection_once():
        calls.append(1)
        if len(calls) == 1:
            if PG_URL:  # the server ends this very connection, as a restart does
                db.session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
            raise OperationalError("SELECT 1", {}, Exception("connection lost"),
                                   connection_invalidated=True)
        return f"read again on connection {len(calls)}"

    w = build_world(make)
    auth.login(w.email("legal"))
    response = client.get("/test/lost-connection")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert len(calls) == 2

    # A change is never sent twice: its page says the database was not reachable.
    calls.clear()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.post("/test/lost-connection", headers={"Accept-Language": "it"})
    assert response.status_code == 503 and len(calls) == 1
    assert _title(db_faults.UNREACHABLE, "it") in response.get_data(as_text=True)



def test_a_change_given_up_for_another_writers_sake_says_to_send_it_again(app, make, auth,
                                                                          client):
    """PostgreSQL rolls a transaction back to break a deadlock or a serialization conflict:
    the person is told the desk was busy and to try again, not shown a server error."""

    @app.route("/test/deadlock", methods=["POST"])
    def lose_to_another_writer():
        raise OperationalError("UPDATE ...", {}, psycopg.errors.DeadlockDetected("deadlock"))

    @app.route("/test/serialization", methods=["POST"])
    def lose_a_serialization_conflict():
        raise OperationalError("UPDATE ...", {}, psycopg.errors.SerializationFailure("retry"))

    w = build_world(make)
    auth.login(w.email("legal"))
    app.config["PROPAGATE_EXCEPTIONS"] = False
    for path in ("/test/deadlock", "/test/serialization"):
        response = client.post(path, headers={"Accept-Language": "it"})
        assert response.status_code == 503
        assert _title(db_faults.BUSY, "it") in response.get_data(as_text=True)

# --- The error page with no database ------------------------------------------------------------

def _unreachable_url(tmp_path) -> str:
    if PG_URL:
        return "postgresql+psycopg://postgres@127.0.0.1:9/sportello_nowhere?connect_timeout=2"
    return f"sqlite:///{tmp_path / 'gone' / 'away' / 'sportello.sqlite'}"


@pytest.mark.parametrize("role, header, locale", [
    ("legal", "it-IT,it;q=0.9", "it"),     # an Italian browser
    ("mediator", "en", "ar"),              # the mediator's own language, kept in the session
    (None, "ar,en;q=0.5", "ar"),           # someone signing in, from an Arabic browser
])
def test_error_page_with_the_database_unreachable_is_in_the_readers_language(
        app, make, auth, client, tmp_path, role, header, locale):
    w = build_world(make)
    if role:
        auth.login(w.email(role))
        assert client.get(f"/cases/{w.case.id}").status_code == 200
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    case_id = w.case.id

    down = _app_on(_unreachable_url(tmp_path))
    browser = _client(down)
    if cookie is not None:
        browser.set_cookie(down.config["SESSION_COOKIE_NAME"], cookie.value)
    with down.app_context():
        if role:
            response = browser.get(f"/cases/{case_id}", headers={"Accept-Language": header})
        else:
            response = browser.post("/auth/login", headers={"Accept-Language": header},
                                    data={"email": w.email("legal"), "password": "x" * 12})
        html = response.get_data(as_text=True)
        title = _title(db_faults.UNREACHABLE, locale)
        english = _title(db_faults.UNREACHABLE, "en")
        db.engine.dispose()
    assert response.status_code == 503
    assert f'<html lang="{locale}" dir="{"rtl" if locale == "ar" else "ltr"}">' in html
    assert title in html and title != english
    assert "Internal Server Error" not in html
    assert response.headers["Cache-Control"] == "no-store"


# --- A writer holding SQLite's lock ---------------------------------------------------------------

@pytest.fixture
def sqlite_app(tmp_path):
    """An app on a SQLite file whose writers give up after 4 s (instead of 10 s)."""
    if PG_URL:
        pytest.skip(SQLITE_ONLY)
    path = tmp_path / "desk.sqlite"
    app = _app_on(f"sqlite:///{path}", SQLITE_BUSY_TIMEOUT_MS=BUSY_SECONDS * 1000)
    app.config["DB_PATH"] = str(path)
    with app.app_context():
        db.create_all()
        yield app
        later.wait()
        db.session.remove()
        db.engine.dispose()


def _views_of(user_id: int) -> int:
    return db.session.scalar(select(func.count(AuditLog.id)).where(
        AuditLog.user_id == user_id, AuditLog.action == "view"))


def test_case_page_is_shown_while_another_connection_holds_the_write_lock(sqlite_app, clock):
    w = build_world(Factories())
    client = _client(sqlite_app)
    auth = AuthActions(client)
    auth.login(w.email("legal"))
    legal_id, case_id = w.users["legal"].id, w.case.id
    assert client.get(f"/cases/{case_id}").status_code == 200  # the page's templates are ready
    before = _views_of(legal_id)
    clock.set(clock.now() + timedelta(minutes=2))  # the session's last activity is due

    # Pages read through an app whose busy timeout is long (30 s): a page that waited for
    # the writer would take 30 s at least (it used to wait twice: the session's activity,
    # then its audit row); a page that does not is made in a few seconds even on a busy CPU.
    reader = _app_on(f"sqlite:///{sqlite_app.config['DB_PATH']}", SQLITE_BUSY_TIMEOUT_MS=30_000)
    browser = _client(reader)
    browser.set_cookie(reader.config["SESSION_COOKIE_NAME"],
                       client.get_cookie(sqlite_app.config["SESSION_COOKIE_NAME"]).value)
    busy_errors = []

    @event.listens_for(db.engine, "handle_error")
    def count_busy(context):
        if "locked" in str(context.original_exception):
            busy_errors.append(context.statement)

    locker = sqlite3.connect(sqlite_app.config["DB_PATH"], isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        response = browser.get(f"/cases/{case_id}", headers={"Accept-Language": "it"})
        took = time.monotonic() - started
        assert response.status_code == 200 and "Yusuf" in response.get_data(as_text=True)
        assert took < 15, f"the page waited {took:.2f}s for the writer"

        health = client.get("/healthz")
        assert health.status_code == 200
        assert {key: value for key, value in health.get_json().items() if key != "outbox"} == {
            "status": "ok", "database": "ok", "writes": "busy"}

        # A change waits for the lock once (the busy timeout), then says so, in Italian.
        busy_errors.clear()
        started = time.monotonic()
        note = client.post(f"/cases/{case_id}/notes", headers={"Accept-Language": "it"},
                           data={"body": "Nota in attesa", "language": "it", "visibility": "all"})
        took = time.monotonic() - started
        assert note.status_code == 503
        assert _title(db_faults.BUSY, "it") in note.get_data(as_text=True)
        assert len(busy_errors) == 1, "the error page must not wait for the lock again"
        assert took < BUSY_SECONDS * 3, f"the change waited {took:.2f}s"
    finally:
        locker.execute("ROLLBACK")
        locker.close()
        event.remove(db.engine, "handle_error", count_busy)
        with reader.app_context():
            db.engine.dispose()

    # The page's audit row is written once the lock is free; the note was not saved.
    assert later.wait()
    db.session.expire_all()
    assert _views_of(legal_id) > before
    assert db.session.scalar(select(func.count(Note.id))) == 0


def test_healthz_reports_a_read_only_sqlite_database(sqlite_app):
    w = build_world(Factories())
    client = _client(sqlite_app)
    AuthActions(client).login(w.email("legal"))
    assert client.get("/healthz").status_code == 200
    case_id = w.case.id

    read_only = _app_on(f"sqlite:///file:{sqlite_app.config['DB_PATH']}?mode=ro&uri=true")
    browser = _client(read_only)
    browser.set_cookie(read_only.config["SESSION_COOKIE_NAME"],
                       client.get_cookie(sqlite_app.config["SESSION_COOKIE_NAME"]).value)
    with read_only.app_context():
        health = browser.get("/healthz")
        # The browser asks for French; the user chose Italian, which the session remembers.
        note = browser.post(f"/cases/{case_id}/notes", headers={"Accept-Language": "fr"},
                            data={"body": "Note", "language": "fr", "visibility": "all"})
        db.engine.dispose()
    assert health.status_code == 503
    assert health.get_json() == {"status": "unavailable", "database": "read_only", "writes": "no"}
    assert note.status_code == 503
    assert _title(db_faults.READ_ONLY, "it") in note.get_data(as_text=True)


def test_healthz_reports_a_read_only_postgresql_database(app, tmp_path):
    if not PG_URL:
        pytest.skip(NEEDS_POSTGRESQL)
    read_only = _app_on(_database_url(tmp_path), SQLALCHEMY_ENGINE_OPTIONS={
        "pool_pre_ping": True,
        "connect_args": {"options": "-c default_transaction_read_only=on"}})
    with read_only.app_context():
        health = _client(read_only).get("/healthz")
        db.engine.dispose()
    assert health.status_code == 503
    assert health.get_json()["database"] == "read_only"


def test_full_disk_says_so_and_whom_to_call_and_healthz_reports_it(sqlite_app):
    w = build_world(Factories())
    sqlite_app.config["SUPPORT_CONTACT"] = "Ufficio informatico, 011 555 0101"
    client = _client(sqlite_app)
    AuthActions(client).login(w.email("legal"))
    case_id = w.case.id

    @event.listens_for(db.engine, "connect")
    def no_more_pages(dbapi_connection, _record):  # the file may not grow: a full disk
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    db.session.remove()
    db.engine.dispose()
    response = client.post(f"/cases/{case_id}/notes", headers={"Accept-Language": "it"},
                           data={"body": "Lunga nota. " * 1500, "language": "it",
                                 "visibility": "all"})
    html = response.get_data(as_text=True)
    assert response.status_code == 507
    assert _title(db_faults.FULL, "it") in html and "011 555 0101" in html
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] == "full"
    event.remove(db.engine, "connect", no_more_pages)
    db.engine.dispose()
    assert db.session.scalar(select(func.count(Note.id))) == 0


# --- A form sent twice ------------------------------------------------------------------------------

def _token(html: str) -> str:
    found = re.search(r'name="form_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="form_token"', html)
    assert found, "the form carries no one-time token"
    return found.group(1)


def test_a_note_sent_twice_is_saved_once(app, make, auth, client):
    w = build_world(make)
    auth.login(w.email("legal"))
    token = _token(client.get(f"/cases/{w.case.id}").get_data(as_text=True))
    data = {"body": "Colloquio svolto", "language": "it", "visibility": "all",
            "form_token": token}
    first = client.post(f"/cases/{w.case.id}/notes", data=data)
    again = client.post(f"/cases/{w.case.id}/notes", data=data)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert db.session.scalar(select(func.count(Note.id)).where(Note.case_id == w.case.id)) == 1
    shown = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Colloquio svolto" in shown

    # A new note, from a form shown anew, is a second note.
    token = _token(client.get(f"/cases/{w.case.id}/notes").get_data(as_text=True))
    client.post(f"/cases/{w.case.id}/notes", data={**data, "form_token": token})
    assert db.session.scalar(select(func.count(Note.id)).where(Note.case_id == w.case.id)) == 2


def _forms_that_create(w, note_id, today):
    """(form address, what it sends, the table it adds a row to)."""
    c, legal = w.case.id, w.team("legal").id
    return [
        (f"/notes/{note_id}/translate", {"language": "en", "body": "Interview held"},
         NoteTranslation),
        (f"/cases/{c}/goals/new", {"dimension": "social", "goal": "Casa", "status": "planned"},
         CarePlanGoal),
        (f"/cases/{c}/conferences/new",
         {"held_on": today.isoformat(), "teams": [legal], "decisions": "Avanti"}, CaseConference),
        (f"/cases/{c}/appointments/new",
         {"team": legal, "day": today.isoformat(), "time": "09:00", "duration": 30}, Appointment),
        (f"/cases/{c}/documents/new",
         {"doc_type": "family", "number": "YA2345", "expiry_date": "2027-05-01"},
         ResidenceDocument),
    ]


def test_every_form_that_creates_a_record_creates_it_once(app, make, auth, client, today):
    w = build_world(make)
    note = Note(case_id=w.case.id, author_id=w.users["legal"].id, language="it", body="Nota",
                visibility="all")
    db.session.add(note)
    db.session.commit()
    auth.login(w.email("legal"))
    for path, data, model in _forms_that_create(w, note.id, today):
        count = select(func.count()).select_from(model)
        before = db.session.scalar(count)
        token = _token(client.get(path).get_data(as_text=True))
        first = client.post(path, data={**data, "form_token": token})
        again = client.post(path, data={**data, "form_token": token})
        assert first.status_code == again.status_code == 302, path
        assert again.headers["Location"] == first.headers["Location"]
        assert db.session.scalar(count) == before + 1, path


def test_twin_sendings_at_the_same_moment_save_one_note(app, make, auth, client, monkeypatch):
    w = build_world(make)
    auth.login(w.email("legal"))
    case_id = w.case.id
    token = _token(client.get(f"/cases/{case_id}/notes").get_data(as_text=True))
    data = {"body": "Gemelli", "language": "it", "visibility": "all", "form_token": token}
    first = client.post(f"/cases/{case_id}/notes", data=data)

    # The twin looked before the first had committed: it finds no receipt and saves, then
    # collides with the first one's receipt and is rolled back.
    real = receipts.receipt_url
    looks = []

    def too_early_the_first_time(user, t):
        looks.append(t)
        return None if len(looks) == 1 else real(user, t)

    monkeypatch.setattr(receipts, "receipt_url", too_early_the_first_time)
    twin = client.post(f"/cases/{case_id}/notes", data=data)
    assert len(looks) == 2
    assert twin.status_code == 302 and twin.headers["Location"] == first.headers["Location"]
    assert db.session.scalar(select(func.count(Note.id)).where(Note.case_id == case_id)) == 1
