"""Concurrent writers on SQLite queue for the lock instead of failing with "database is locked"."""

import threading

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.audit import AuditLog

from .conftest import PG_URL


def test_concurrent_writers_all_succeed(app):
    if PG_URL:
        pytest.skip("SQLite locking behaviour")
    app.config["SQLITE_LOCK_OUTSIDE_REQUESTS"] = True
    errors: list[Exception] = []

    def writer(n):
        try:
            with app.app_context():
                for i in range(20):
                    # Read first, then write: the pattern that fails without BEGIN IMMEDIATE.
                    db.session.scalar(select(func.count(AuditLog.id)))
                    db.session.add(AuditLog(action="test", detail={"n": n, "i": i}))
                    db.session.commit()
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert db.session.scalar(select(func.count(AuditLog.id))) == 120
