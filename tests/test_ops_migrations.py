"""Upgrading a database that holds people: what every deployment does on each release.

Batch migrations on SQLite rebuild a table (create a copy, DROP the old one, rename): with
foreign keys on, dropping `person` fails as soon as anything points to it. Tested on a
database with generated cases, in both directions over the newest revisions.
"""

import sqlite3

import pytest
from flask_migrate import downgrade, upgrade

from desk import create_app
from desk.extensions import db
from desk.models.people import Person
from desk.sampledata.generate import generate

from .conftest import PG_URL

MIGRATIONS = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "migrations")


@pytest.mark.skipif(bool(PG_URL), reason="SQLite file database (PostgreSQL alters in place)")
def test_migrations_run_on_a_database_with_people(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    path = tmp_path / "populated.sqlite"
    app = create_app({"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        generate(40, 5, ["TO"], None, batch_size=20)
        db.session.commit()
        downgrade(directory=MIGRATIONS, revision="-3")
        upgrade(directory=MIGRATIONS)
        db.session.remove()
        db.engine.dispose()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == 40
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


@pytest.mark.skipif(bool(PG_URL), reason="SQLite AUTOINCREMENT (PostgreSQL's sequences never reuse)")
def test_after_the_upgrade_no_new_person_takes_a_merged_id(tmp_path, monkeypatch):
    """A database merged before AUTOINCREMENT: its last person merged away, the id only in the
    tombstone. The upgrade counts it, so the next registration gets a fresh id."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    path = tmp_path / "merged.sqlite"
    app = create_app({"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision="c4a8e2f71d93")
        generate(12, 2, ["TO"], None, batch_size=12)
        db.session.commit()
        last = db.session.scalar(db.select(db.func.max(Person.id)))
        survivor = db.session.get(Person, 1)
        db.session.execute(db.text(
            "INSERT INTO person_merge (merged_person_id, survivor_id, site_id, merged_at,"
            " fields_taken, rows_moved) VALUES (:gone, 1, :site, '2026-05-04', '{}', '{}')"),
            {"gone": last + 3, "site": survivor.site_id})
        db.session.commit()
        upgrade(directory=MIGRATIONS)
        newcomer = Person(site_id=survivor.site_id, given_name="Yusuf", family_name="Kone")
        db.session.add(newcomer)
        db.session.commit()
        assert newcomer.id == last + 4
        db.session.remove()
        db.engine.dispose()
