"""With Redis as the throttle's storage, two app instances (two workers, two machines) count
the same failed sign-ins: a stranger gains nothing by spreading attempts across them."""

import os
import uuid

from desk import create_app
from desk.extensions import db

from .conftest import redis_or_skip

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip():
    redis_or_skip(REDIS, "shared sign-in throttling")


def test_two_instances_count_failed_sign_ins_together(app, make, tmp_path):
    _redis_or_skip()
    make.user(email="shared@example.test")
    prefix = f"sportello-test-{uuid.uuid4().hex}"
    settings = {"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": prefix,
                "LOGIN_LIMIT_PER_ACCOUNT": "4 per minute"}
    apps = [create_app(settings), create_app(settings)]
    first, second = (instance.test_client() for instance in apps)
    statuses = []
    for number in range(6):
        client = first if number % 2 else second
        statuses.append(client.post("/auth/login", data={
            "email": "shared@example.test", "password": "wrong"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{number}"}).status_code)
    for instance in apps:
        with instance.app_context():
            db.engine.dispose()
    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[4:] == [429, 429], "the fifth attempt waits, whichever instance gets it"
