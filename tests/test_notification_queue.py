"""The task queue wakes the worker: on the embedded default (SqliteHuey, a file, no server) and
on Redis (RedisHuey), a queued delivery task sends what the outbox holds. The Redis test runs
against a Redis server on 127.0.0.1:6379 and is skipped, with the reason, when none answers."""

import uuid

from huey import RedisHuey, SqliteHuey

from desk.counter.intake_services import Route, route_case
from desk.extensions import db
from desk.models.notifications import NotificationPreference
from desk.ops.task_queue import make_huey, register_tasks

from .conftest import redis_or_skip
from .notifyworld import notify_world
from .smtp_server import SmtpServer

REDIS_URL = "redis://127.0.0.1:6379/13"


def _pending_email(make):
    w = notify_world(make)
    db.session.add(NotificationPreference(user_id=w.users["legal"].id, kind="referral_to_team",
                                          email_mode="immediate"))
    route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
    db.session.commit()


def _run_one_queued_delivery(huey, app):
    tasks = register_tasks(huey, app)
    tasks["deliver_now"]()  # enqueued, not run: the consumer would pick it up
    assert huey.pending_count() == 1
    task = huey.dequeue()
    huey.execute(task)
    assert huey.pending_count() == 0


def test_the_embedded_queue_needs_no_server(app, make, tmp_path):
    huey = make_huey({"HUEY_SQLITE_PATH": str(tmp_path / "huey.sqlite")}, name="t")
    assert isinstance(huey, SqliteHuey)
    _pending_email(make)
    with SmtpServer() as server:
        app.config["MAIL_PORT"] = server.port
        _run_one_queued_delivery(huey, app)
        assert [m["To"] for m in server.inbox.messages] == ["legal@example.test"]


def _redis_or_skip():
    redis_or_skip(REDIS_URL, "RedisHuey")


def test_the_queue_runs_on_redis_when_configured(app, make):
    _redis_or_skip()
    huey = make_huey({"HUEY_REDIS_URL": REDIS_URL}, name=f"sportello-test-{uuid.uuid4().hex}")
    assert isinstance(huey, RedisHuey)
    try:
        _pending_email(make)
        with SmtpServer() as server:
            app.config["MAIL_PORT"] = server.port
            _run_one_queued_delivery(huey, app)
            assert [m["To"] for m in server.inbox.messages] == ["legal@example.test"]
    finally:
        huey.storage.flush_all()
