"""The audit log: append-only in the database, searchable and exportable by admins."""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DatabaseError

from desk.admin.audit_export import neutralise
from desk.audit.services import audit
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.users import LoginSession


def _row(**values) -> AuditLog:
    row = AuditLog(action=values.pop("action", "view"), detail={}, **values)
    db.session.add(row)
    db.session.commit()
    return row


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET action = 'nothing'",
    "UPDATE audit_log SET user_id = NULL",
    "DELETE FROM audit_log",
])
def test_the_database_refuses_to_change_or_delete_audit_rows(app, statement):
    row = _row(action="login")
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement))
    db.session.rollback()
    assert db.session.scalar(select(AuditLog.action).where(AuditLog.id == row.id)) == "login"


def test_the_orm_cannot_change_audit_rows_either(app):
    row = _row(action="login")
    with pytest.raises(DatabaseError):
        db.session.execute(update(AuditLog).values(action="x"))
    db.session.rollback()
    with pytest.raises(DatabaseError):
        db.session.execute(delete(AuditLog).where(AuditLog.id == row.id))
    db.session.rollback()
    assert db.session.get(AuditLog, row.id).action == "login"


def test_new_rows_can_still_be_added(app):
    _row(action="login")
    _row(action="view")
    assert db.session.scalar(select(db.func.count()).select_from(AuditLog)) == 2


def test_sign_in_failure_and_success_are_recorded_with_address(make, auth):
    user = make.user(email="op@example.test")
    auth.login("op@example.test", "wrong password here")
    auth.login("nobody@example.test", "wrong password here")
    auth.login("op@example.test")
    rows = db.session.scalars(select(AuditLog).order_by(AuditLog.id)).all()
    assert [(r.action, r.user_id) for r in rows] == [
        ("login_failed", user.id), ("login_failed", None), ("login", user.id),
    ]
    assert all(r.ip_address == "127.0.0.1" for r in rows)


def test_two_step_sign_in_is_recorded_step_by_step(make, auth):
    make.user(email="sup@example.test", roles=("supervisor",))
    auth.login("sup@example.test")
    actions = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions == ["login_password_ok", "login"]


@pytest.fixture
def admin_client(make, auth, client):
    make.user(email="adm@example.test", roles=("admin",), locale="en", sites=())
    auth.login("adm@example.test")
    return client


def _seed_log(make):
    worker = make.user(email="op@example.test")
    with db.session.no_autoflush:
        old = AuditLog(action="view", user_id=worker.id, person_id=7, object_type="person",
                       object_id=7, at=utcnow() - timedelta(days=40), detail={})
        recent = AuditLog(action="update", user_id=worker.id, person_id=7, object_type="person",
                          object_id=7, detail={"fields": ["=HYPERLINK(\"http://x\")"]})
        other = AuditLog(action="view", user_id=worker.id, person_id=8, object_type="person",
                         object_id=8, detail={})
    db.session.add_all([old, recent, other])
    db.session.commit()
    return worker


def test_admin_searches_the_log_by_user_person_and_period(make, admin_client):
    worker = _seed_log(make)
    page = admin_client.get(f"/admin/audit?user={worker.id}&person=7").get_data(as_text=True)
    assert page.count("<code>view</code>") == 1 and page.count("<code>update</code>") == 1
    since = (utcnow() - timedelta(days=10)).date().isoformat()
    page = admin_client.get(f"/admin/audit?person=7&date_from={since}").get_data(as_text=True)
    assert page.count("<code>view</code>") == 0 and page.count("<code>update</code>") == 1
    page = admin_client.get("/admin/audit?person=8").get_data(as_text=True)
    assert page.count("<code>view</code>") == 1 and "<code>update</code>" not in page


@pytest.mark.parametrize("query", ["person=abc", "date_from=31-31-2020", "user=zz", "person=99999999999"])
def test_bad_search_values_do_not_break_the_page(make, admin_client, query):
    _seed_log(make)
    assert admin_client.get(f"/admin/audit?{query}").status_code == 200


def test_export_is_csv_safe_for_spreadsheets_and_is_itself_audited(make, admin_client):
    _seed_log(make)
    response = admin_client.get("/admin/audit/export.csv?person=7")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "at_utc", "user"]
    assert len(rows) == 3 and {row[4] for row in rows[1:]} == {"view", "update"}
    assert all(row[2] == "op@example.test" for row in rows[1:])
    exported = db.session.scalar(select(AuditLog).where(AuditLog.action == "audit_export"))
    assert exported.detail == {"filters": {"person_id": 7}, "rows": 2}


def test_export_needs_a_fresh_password(make, admin_client):
    for row in db.session.scalars(select(LoginSession)):
        row.fresh_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    response = admin_client.get("/admin/audit/export.csv?person=7")
    assert "/auth/reauthenticate" in response.headers["Location"]
    assert "person%3D7" in response.headers["Location"] or "person=7" in response.headers["Location"]


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+39 011", "'+39 011"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("Amina", "Amina"), (None, ""), (42, "42"),
])
def test_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_audit_service_records_who_and_what(make, app):
    user = make.user(email="op@example.test")
    with app.test_request_context(method="POST", environ_base={"REMOTE_ADDR": "10.0.0.9"}):
        row = audit("export", user=user, object_type="report", object_id=3, detail={"rows": 5})
        db.session.commit()
    stored = db.session.get(AuditLog, row.id)
    assert (stored.user_id, stored.ip_address, stored.object_type, stored.detail) == (
        user.id, "10.0.0.9", "report", {"rows": 5})


def test_a_page_view_is_audited_after_the_page_and_a_refused_page_leaves_no_row(make, auth, client):
    """Views are written in their own short transaction after the page (no write lock held
    while the page is built); a page that answered 404 records nothing."""
    site = make.site("TO")
    person = make.person(site=site)
    make.user(email="op@example.test", roles=("desk",))
    auth.login("op@example.test")
    before = db.session.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == "view"))
    assert client.get(f"/people/{person.id}").status_code == 200
    assert client.get("/people/999999").status_code == 404
    rows = db.session.scalars(select(AuditLog).where(AuditLog.action == "view")).all()
    assert len(rows) == before + 1
    assert rows[-1].person_id == person.id
