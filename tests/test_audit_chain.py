"""The audit log is tamper-evident: `flask desk audit-verify` finds a row inserted around the
application, a row changed or removed with the triggers dropped, and names the first one."""

import pytest
from sqlalchemy import text

from desk.audit.chain import verify
from desk.audit.services import audit
from desk.extensions import db

from .conftest import PG_URL


@pytest.fixture
def logged(app, make):
    user = make.user(email="op@example.test")
    for number in range(5):
        audit("view", object_type="page", object_id=number, user=user)
    db.session.commit()
    return user


def test_an_untouched_log_verifies(logged, runner):
    result = runner.invoke(args=["desk", "audit-verify"])
    assert result.exit_code == 0, result.output
    assert "intact: 5 rows" in result.output


def test_a_back_dated_insert_is_found(logged, runner):
    db.session.execute(text(
        "INSERT INTO audit_log (at, user_id, action, object_type, object_id, detail) "
        "VALUES ('2020-01-01 09:00:00', :user, 'view', 'person', 1, '{}')"), {"user": logged.id})
    db.session.commit()
    forged = db.session.execute(text("SELECT max(id) FROM audit_log")).scalar()
    result = runner.invoke(args=["desk", "audit-verify"])
    assert result.exit_code == 1
    assert f"audit row {forged}" in result.output


def test_a_forged_row_with_a_place_in_the_chain_is_found(logged):
    db.session.execute(text(
        "INSERT INTO audit_log (at, user_id, action, object_type, object_id, detail, seq, row_hash) "
        "VALUES ('2020-01-01 09:00:00', :user, 'view', 'person', 1, '{}', 6, 'beef')"),
        {"user": logged.id})
    db.session.execute(text("UPDATE audit_chain SET seq = 6"))
    db.session.commit()
    verdict = verify()
    assert not verdict.intact and "does not match its hash" in verdict.reason


def _without_triggers(statement):
    if PG_URL:
        db.session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
    else:
        db.session.execute(text("DROP TRIGGER audit_log_no_update"))
        db.session.execute(text("DROP TRIGGER audit_log_no_delete"))
    db.session.execute(text(statement))
    if PG_URL:
        db.session.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    db.session.commit()


def test_a_changed_row_is_found(logged):
    third = db.session.execute(text("SELECT id FROM audit_log WHERE seq = 3")).scalar()
    _without_triggers(f"UPDATE audit_log SET action = 'export' WHERE id = {third}")
    verdict = verify()
    assert verdict.broken_at == third


def test_a_removed_row_is_found(logged):
    _without_triggers("DELETE FROM audit_log WHERE seq = 2")
    verdict = verify()
    assert not verdict.intact and "missing" in verdict.reason


def test_the_last_rows_removed_are_found(logged):
    _without_triggers("DELETE FROM audit_log WHERE seq >= 4")
    assert not verify().intact
