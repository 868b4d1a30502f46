from datetime import timedelta

from sqlalchemy.exc import OperationalError

from desk.extensions import db
from desk.models.notifications import OutboxMessage


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "writes": "ok",
                                   "outbox": {"waiting": 0, "failed": 0, "oldest_late_minutes": 0}}


def test_healthz_reports_the_e_mail_backlog(client, make, now):
    user = make.user(roles=("desk",))
    db.session.add_all([
        OutboxMessage(user_id=user.id, kind="notification", idempotency_key="a",
                      next_attempt_at=now - timedelta(minutes=42)),
        OutboxMessage(user_id=user.id, kind="notification", idempotency_key="b",
                      next_attempt_at=now + timedelta(minutes=5)),
        OutboxMessage(user_id=user.id, kind="digest", idempotency_key="c", status="failed"),
    ])
    db.session.commit()
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["outbox"] == {"waiting": 2, "failed": 1, "oldest_late_minutes": 42}


def test_healthz_reports_unreachable_database(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("down"))

    monkeypatch.setattr(db.engine, "connect", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
