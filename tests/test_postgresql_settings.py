"""Each PostgreSQL connection of the app runs without JIT compilation (it cost the dashboard
a quarter of its time), unless the configuration asks for it."""

import pytest
from sqlalchemy import text

from desk import create_app
from desk.extensions import db

from .conftest import PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason="JIT is a PostgreSQL setting")


def test_the_app_s_connections_run_without_jit(app):
    assert db.session.scalar(text("SHOW jit")) == "off"
    db.session.commit()
    # A connection taken again from the pool, after a transaction, keeps it.
    assert db.session.scalar(text("SHOW jit")) == "off"


def test_jit_stays_as_the_server_has_it_when_asked_for(app, monkeypatch):
    server_default = db.session.scalar(text("SELECT reset_val FROM pg_settings WHERE name = 'jit'"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    other = create_app({"CONFIG": "testing", "POSTGRESQL_JIT": True,
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    with other.app_context():
        assert db.session.scalar(text("SHOW jit")) == server_default
        db.session.remove()
        db.engine.dispose()
