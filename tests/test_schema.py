"""The schema: migrations build exactly the models, and the database refuses bad data."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from desk import create_app
from desk.extensions import db
from desk.models.cases import Case, Referral

from .conftest import PG_URL


@pytest.fixture
def empty_database_url(tmp_path):
    """A brand-new, empty database on the engine under test."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"sportello_migr_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migrations_build_exactly_the_models(empty_database_url, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        # And the way back works, so a bad release can be undone.
        downgrade(revision="base")
        upgrade()
        db.engine.dispose()


def test_second_open_case_for_same_person_and_site_is_refused(make):
    site = make.site()
    person = make.person(site=site)
    make.case(site=site, person=person)
    db.session.add(Case(person_id=person.id, site_id=site.id, status="in_progress"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_closed_cases_do_not_block_a_new_open_one(make):
    site = make.site()
    person = make.person(site=site)
    make.case(site=site, person=person, status="closed")
    make.case(site=site, person=person, status="closed")
    make.case(site=site, person=person, status="open")


@pytest.mark.parametrize("model,field,value", [
    (Case, "status", "archived"),
    (Referral, "status", "lost"),
    (Referral, "priority", "whenever"),
])
def test_bad_status_values_are_refused(make, model, field, value):
    case = make.case(referrals=["legal"])
    target = case if model is Case else case.referrals[0]
    db.session.execute(
        text("SELECT 1")
    )  # keep the session open on the same connection
    table = model.__tablename__
    with pytest.raises(IntegrityError):
        db.session.execute(
            text(f"UPDATE {table} SET {field} = :value WHERE id = :id"),
            {"value": value, "id": target.id},
        )
    db.session.rollback()


def test_foreign_keys_are_enforced(make):
    make.site()
    with pytest.raises(IntegrityError):
        db.session.execute(
            text("INSERT INTO person (site_id, given_name, family_name, name_key, sex, "
                 "interpreter_needed, created_at) VALUES (9999, 'A', 'B', 'a b', 'U', false, "
                 "CURRENT_TIMESTAMP)")
        )
    db.session.rollback()


def test_sqlite_connection_settings(app):
    if PG_URL:
        pytest.skip("SQLite pragmas only")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        # Big desks: reads go through a memory map and a page cache larger than SQLite's 2 MB.
        assert connection.exec_driver_sql("PRAGMA mmap_size").scalar() == app.config[
            "SQLITE_MMAP_BYTES"] > 0
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -app.config[
            "SQLITE_CACHE_KIB"]
