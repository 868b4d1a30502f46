"""`flask desk backup` / `restore`: a copy taken while others write is a consistent database."""

import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select

from desk import create_app
from desk.extensions import db
from desk.models.cases import Case
from desk.models.history import TimelineEvent
from desk.models.people import Person
from desk.ops.backup import BackupError, backup, restore

from .conftest import PG_URL

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite backup; PostgreSQL uses pg_dump")
EVENTS_PER_CASE = 3


def _write_one_unit(site_id: int, number: int) -> None:
    """One committed unit of work: a person, their case and three timeline events."""
    person = Person(site_id=site_id, given_name=f"Given{number}", family_name="Writer",
                    name_key=f"given{number} writer")
    db.session.add(person)
    db.session.flush()
    case = Case(person_id=person.id, site_id=site_id)
    db.session.add(case)
    db.session.flush()
    for _ in range(EVENTS_PER_CASE):
        db.session.add(TimelineEvent(case_id=case.id, kind="note", payload={}))
    db.session.commit()


class Writer(threading.Thread):
    def __init__(self, app, site_id):
        super().__init__(daemon=True)
        self.app, self.site_id = app, site_id
        self.committed = 0
        self.stop = threading.Event()
        self.error = None

    def run(self):
        try:
            with self.app.app_context():
                while not self.stop.is_set():
                    _write_one_unit(self.site_id, self.committed)
                    self.committed += 1
                db.session.remove()
        except Exception as error:  # reported by the test
            self.error = error


def _check_file(path) -> tuple[list, list, int]:
    connection = sqlite3.connect(path)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        people = connection.execute("SELECT count(*) FROM person").fetchone()[0]
        return integrity, foreign, people
    finally:
        connection.close()


@sqlite_only
def test_backup_taken_during_writes_restores_a_consistent_database(app, make, tmp_path):
    site = make.site("TO")
    db.session.commit()
    writer = Writer(app, site.id)
    writer.start()
    try:
        while writer.committed < 30 and writer.error is None:
            time.sleep(0.01)  # not Event.wait: a timed wait never ends under faketime
        before = writer.committed
        report = backup(tmp_path / "copy.sqlite")
        after = writer.committed
        while writer.committed < after + 20 and writer.error is None:
            time.sleep(0.01)  # not Event.wait: a timed wait never ends under faketime
    finally:
        writer.stop.set()
        writer.join(timeout=30)
    assert writer.error is None
    assert "integrity ok" in report
    restored_app = create_app({"CONFIG": "testing",
                               "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'new.sqlite'}"})
    with restored_app.app_context():
        restore(tmp_path / "copy.sqlite")
        integrity, foreign, people = _check_file(tmp_path / "new.sqlite")
        assert integrity == [("ok",)] and foreign == []
        assert before <= people <= after + 1
        cases = db.session.scalar(select(func.count()).select_from(Case))
        events = db.session.scalar(select(func.count()).select_from(TimelineEvent))
        assert cases == people and events == EVENTS_PER_CASE * people  # no half-written unit
        db.session.remove()
        db.engine.dispose()
    # The live database went on and holds everything the writer committed.
    db.session.rollback()  # end this session's old read snapshot
    assert db.session.scalar(select(func.count()).select_from(Person)) == writer.committed


@sqlite_only
def test_backup_cli_refuses_to_overwrite_without_force(runner, tmp_path):
    target = tmp_path / "copy.sqlite"
    assert runner.invoke(args=["desk", "backup", str(target)]).exit_code == 0
    again = runner.invoke(args=["desk", "backup", str(target)])
    assert again.exit_code != 0 and "--force" in again.output
    assert runner.invoke(args=["desk", "backup", "--force", str(target)]).exit_code == 0


@sqlite_only
def test_restore_needs_yes_and_replaces_the_database(runner, make, tmp_path):
    make.person(given="Kept", family="Before")
    target = tmp_path / "copy.sqlite"
    assert runner.invoke(args=["desk", "backup", str(target)]).exit_code == 0
    make.person(given="Added", family="After")
    refused = runner.invoke(args=["desk", "restore", str(target)])
    assert refused.exit_code != 0 and "--yes" in refused.output
    assert db.session.scalar(select(func.count()).select_from(Person)) == 2
    done = runner.invoke(args=["desk", "restore", "--yes", str(target)])
    assert done.exit_code == 0, done.output
    assert "integrity ok" in done.output
    names = db.session.scalars(select(Person.given_name)).all()
    assert names == ["Kept"]


@sqlite_only
def test_restore_refuses_a_file_that_is_not_a_database(app, tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError):
        restore(bogus)


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL only")
def test_backup_on_postgresql_points_to_pg_dump(runner, tmp_path):
    result = runner.invoke(args=["desk", "backup", str(tmp_path / "copy.dump")])
    assert result.exit_code != 0
    assert "pg_dump" in result.output


@sqlite_only
def test_restore_refuses_while_another_process_holds_the_database(runner, make, tmp_path):
    target = tmp_path / "copy.sqlite"
    assert runner.invoke(args=["desk", "backup", str(target)]).exit_code == 0
    live = sqlite3.connect(tmp_path / "test.sqlite")  # stands for the running application
    try:
        live.execute("SELECT count(*) FROM person").fetchone()
        refused = runner.invoke(args=["desk", "restore", "--yes", str(target)])
        assert refused.exit_code != 0 and "Stop it first" in refused.output
        forced = runner.invoke(args=["desk", "restore", "--yes", "--force", str(target)])
        assert forced.exit_code == 0, forced.output
    finally:
        live.close()
