"""Two app instances on one database, as a regional deployment runs them: two gunicorn
processes (and two notification workers) that share nothing but the database (and Redis where
configured). A sign-in, a sign-out, a form sent twice, the sign-in throttle, the API's limit
and the outbox must mean the same whichever process gets the request."""

import http.client
import os
import subprocess
import sys
import threading
import uuid
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from bench.harness import PROJECT, Browser, parse_forms, serve, server_errors
from desk.auth.token_services import create_token
from desk.counter.intake_services import Route, route_case
from desk.extensions import db
from desk.models.api_tokens import ApiToken
from desk.models.cases import Access
from desk.models.notifications import NotificationPreference, OutboxMessage

from .casework import build_world
from .conftest import PG_URL, redis_or_skip
from .factories import DEFAULT_PASSWORD
from .smtp_server import SmtpServer

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _database_url() -> str:
    return PG_URL or db.engine.url.render_as_string(hide_password=False)


@contextmanager
def two_instances(tmp_path, **env):
    """Two servers of one workers each, one SECRET_KEY (as two machines behind a balancer)."""
    settings = {"SECRET_KEY": uuid.uuid4().hex, "TOTP_REQUIRED_TEAM_KINDS": "", **env}
    with ExitStack() as stack:
        servers = [stack.enter_context(serve(_database_url(), workers=1, threads=2,
                                             log_dir=tmp_path / name, extra_env=settings))
                   for name in ("a", "b")]
        yield [port for port, _log in servers]
        for _port, error_log in servers:
            assert server_errors(error_log) == []


def _sign_out(browser: Browser) -> None:
    page = browser.get("/auth/me")
    form = next(f for f in parse_forms(page.text) if f.action.endswith("/auth/logout"))
    assert browser.post("/auth/logout", form.fields).status in (302, 303)


def test_sessions_and_a_form_sent_twice_mean_the_same_on_both_instances(app, make, tmp_path):
    world = build_world(make)
    person_id = world.case.person_id
    before = db.session.scalar(select(func.count(Access.id)).where(Access.person_id == person_id))
    db.session.commit()
    with two_instances(tmp_path) as (port_a, port_b):
        on_a = Browser(port_a)
        on_a.login("desk@example.test", DEFAULT_PASSWORD)
        on_b = Browser(port_b)
        on_b.cookies = on_a.cookies  # one browser, one cookie jar; the balancer picks the port
        assert on_b.get("/auth/me").status == 200, "a sign-in on one instance holds on the other"

        # The same intake form, sent at the same moment to each instance (a double click that
        # a balancer spreads): one access is recorded, both answers lead to it.
        page = on_a.get(f"/people/{person_id}/intake")
        assert page.status == 200
        fill = {"needs": ["documents"], "teams": ["legal"]}
        answers = []
        start = threading.Barrier(2)

        def send(browser):
            start.wait()
            answers.append(browser.submit(page, fill, has_field="needs"))

        threads = [threading.Thread(target=send, args=(b,)) for b in (on_a, on_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(a.status for a in answers) in ([302, 302], [303, 303], [302, 303])
        assert answers[0].location == answers[1].location
        db.session.rollback()
        after = db.session.scalar(select(func.count(Access.id)).where(Access.person_id == person_id))
        assert after == before + 1, "the form sent to both instances recorded one access"

        # Signing out on one instance ends the sign-in on the other.
        _sign_out(on_b)
        assert on_a.get("/auth/me").status in (302, 303)
        on_a.close()
        on_b.close()


def _failed_sign_in(port: int, email: str) -> int:
    browser = Browser(port)
    answer = browser.submit("/auth/login", {"email": email, "password": "not the password"},
                            has_field="password")
    browser.close()
    return answer.status


def test_the_throttle_and_the_api_limit_count_across_instances(app, make, tmp_path):
    redis_or_skip(REDIS, "limits shared by two instances")
    world = build_world(make)
    # The servers keep the real clock: the token must be valid by it.
    _token, secret = create_token(world.users["legal"], "two instances", "read", 30)
    db.session.execute(update(ApiToken).values(
        expires_at=datetime.now(UTC).replace(tzinfo=None) + timedelta(days=2)))
    db.session.commit()
    with two_instances(tmp_path, RATELIMIT_STORAGE_URI=REDIS,
                       RATELIMIT_KEY_PREFIX=f"sportello-test-{uuid.uuid4().hex}",
                       API_RATE_LIMIT="4 per minute") as ports:
        # Five failed sign-ins a minute per account (LOGIN_LIMIT_PER_ACCOUNT), wherever sent.
        statuses = [_failed_sign_in(ports[n % 2], "legal@example.test") for n in range(7)]
        assert statuses[:5] == [200] * 5
        assert statuses[5:] == [429, 429], "the sixth attempt waits, whichever instance gets it"

        answers = [_api_get(ports[n % 2], "/api/v1/services", secret) for n in range(6)]
        assert answers[:4] == [200] * 4
        assert answers[4:] == [429, 429], "the token's limit is one, across instances"


def _api_get(port: int, path: str, secret: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Authorization": f"Bearer {secret}"})
        return connection.getresponse().status
    finally:
        connection.close()


def _notify_run(env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "flask", "desk", "notify-run"], cwd=PROJECT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_workers_deliver_each_message_once(app, make):
    world = build_world(make)
    for name in ("legal", "legal2", "social", "mediator"):
        db.session.add(NotificationPreference(user_id=world.users[name].id,
                                              kind="referral_to_team", email_mode="immediate"))
    route_case(world.users["desk"], world.case,
               [Route("legal", "documents"), Route("social", "housing")], ["documents", "housing"])
    db.session.commit()
    # More due messages, so that the two workers' passes overlap.
    template = db.session.scalars(select(OutboxMessage)).first()
    for number in range(40):
        db.session.add(OutboxMessage(user_id=template.user_id, kind="notification",
                                     idempotency_key=f"two-workers-{number}"))
    # Due by any clock the worker processes keep (the test's own starts at TEST_NOW).
    db.session.execute(update(OutboxMessage).values(next_attempt_at=datetime(2000, 1, 1)))
    db.session.commit()
    keys = set(db.session.scalars(select(OutboxMessage.idempotency_key)))
    with SmtpServer() as smtp:
        env = dict(os.environ, DATABASE_URL=_database_url(), SPORTELLO_CONFIG="development",
                   FLASK_APP="wsgi", MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp.port),
                   SECRET_KEY=uuid.uuid4().hex,
                   # Under faketime (a shifted clock for the whole suite) the rate limiter's
                   # 10 ms timer never fires on a faked monotonic clock, and a command would
                   # wait for it at exit for ever (conftest.pytest_sessionfinish).
                   FAKETIME_DONT_FAKE_MONOTONIC="1")
        workers = [_notify_run(env), _notify_run(env)]
        outputs = [worker.communicate(timeout=120)[0] for worker in workers]
        assert [worker.returncode for worker in workers] == [0, 0], outputs
        ids = [m["Message-ID"].strip("<>").removesuffix("@sportello") for m in smtp.inbox.messages]
    db.session.rollback()
    statuses = dict(db.session.execute(
        select(OutboxMessage.idempotency_key, OutboxMessage.status)).all())
    assert keys <= set(statuses)
    assert len(ids) == len(set(ids)), "no message was sent twice"
    assert set(ids) == {key for key, status in statuses.items() if status == "sent"}
    assert keys <= set(ids), "every due message was sent by one worker or the other"
