"""A desk's PostgreSQL created with an Italian locale still finds people by the start of
their name: the name index compares its words bytewise, whatever the database's collation."""

import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from desk import create_app
from desk.counter.search import search_people
from desk.extensions import db

from .conftest import PG_URL
from .factories import Factories


@pytest.fixture
def italian_database_url():
    if not PG_URL:
        pytest.skip("a database collation is PostgreSQL's; SQLite compares bytewise")
    base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1).rsplit("/", 1)[0]
    name = f"sportello_it_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE 'C.UTF-8' "
                          "LOCALE_PROVIDER icu ICU_LOCALE 'it-IT'"))
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_the_start_of_a_name_finds_the_person_under_an_italian_collation(
        italian_database_url, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": italian_database_url})
    with app.app_context():
        upgrade()
        # The database itself sorts as Italian does: "{" before letters, so that a prefix's
        # range (kova, kova{) holds nothing unless the index compares bytewise.
        assert not db.session.scalar(text("SELECT 'kovalenko' < 'kova{'"))
        make = Factories()
        site = make.site("TO")
        kovalenko = make.person(site=site, given="Iryna", family="Kovalenko")
        make.person(site=site, given="Amina", family="Diallo")
        operator = make.user(email="op@example.test", roles=("desk",), sites=("TO",))
        for query in ("Koval", "Iryna Kova"):  # found by their start only
            _, hits = search_people(operator, query)
            assert [hit.person.id for hit in hits] == [kovalenko.id], query
        db.session.remove()
        db.engine.dispose()
