"""Soak through a real server: gunicorn on a loopback port, 8 concurrent browser-like clients
doing the counter flow and team work. Zero server errors, every acknowledged write present
exactly once, the database sound afterwards. SOAK_SECONDS sets the length (`make bench` runs
the full 60 s)."""

import os

from sqlalchemy import text

from bench.harness import serve, server_errors
from bench.soak import TEAM_KINDS, run_soak, verify
from desk.common.clock import utcnow
from desk.extensions import db
from desk.sampledata.generate import generate

from .conftest import PG_URL

SECONDS = float(os.environ.get("SOAK_SECONDS", "10"))
PASSWORD = "soak-staff-password-2026"
def test_soak_through_gunicorn_loses_and_duplicates_nothing(app, tmp_path):
    generate(150, 3, ["TO"], PASSWORD, batch_size=100)
    db.session.commit()
    url = PG_URL or str(db.engine.url)
    started = utcnow()
    # The generated staff have no authenticator: the health team's second factor is off here
    # (its sign-in is tested in test_accounts.py).
    with serve(url, workers=2, threads=4, log_dir=tmp_path,
               extra_env={"TOTP_REQUIRED_TEAM_KINDS": ""}) as (port, error_log):
        result = run_soak(port, PASSWORD, SECONDS, clients=8)
    assert result.failures == []
    assert result.server_errors == 0
    assert server_errors(error_log) == []
    assert result.done["people"] >= 3
    assert sum(result.done[f"accepted_{k}"] for k in TEAM_KINDS) >= 3
    db.session.rollback()
    assert verify(db.session, started, result) == []
    if not PG_URL:
        assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
