"""Soak through a real server: gunicorn on a loopback port, 8 concurrent browser-like clients
doing the counter flow and team work. Zero server errors, every acknowledged write present
exactly once, the database sound afterwards. SOAK_SECONDS sets the length (`make bench` runs
the full 60 s)."""

import os

import pytest
from sqlalchemy import func, select, text

from bench.harness import serve, server_errors
from bench.soak import TEAM_KINDS, run_soak
from desk.cases.history_models import Note
from desk.cases.models import Access, Case, Referral
from desk.database import commit_on_success
from desk.extensions import db
from desk.ops.generate import generate
from desk.people.models import Person
from desk.teams.models import Team
from desk.timeutil import utcnow

from .conftest import PG_URL

SECONDS = float(os.environ.get("SOAK_SECONDS", "10"))
PASSWORD = "soak-staff-password-2026"
# Audited GET pages (the case page) write inside a read transaction; on SQLite that fails
# with "database is locked" under concurrent writers unless those views BEGIN IMMEDIATE.
# The proposed fix in desk/database.py marks commit_on_success views as writers.
_GET_WRITES_TAKE_LOCK = getattr(commit_on_success(lambda: None), "writes_data", False)


def _count(statement) -> int:
    return db.session.scalar(statement)


@pytest.mark.xfail(not PG_URL and not _GET_WRITES_TAKE_LOCK, strict=False,
                   reason="SQLite: audited GET pages fail with 'database is locked' under "
                          "concurrent writers until desk/database.py takes the write lock for them")
def test_soak_through_gunicorn_loses_and_duplicates_nothing(app, tmp_path):
    generate(150, 3, ["TO"], PASSWORD, batch_size=100)
    db.session.commit()
    url = PG_URL or str(db.engine.url)
    started = utcnow()
    with serve(url, workers=2, threads=4, log_dir=tmp_path) as (port, error_log):
        result = run_soak(port, PASSWORD, SECONDS, clients=8)
    assert result.failures == []
    assert result.server_errors == 0
    assert server_errors(error_log) == []
    done = result.done
    assert done["people"] >= 3 and sum(done[f"accepted_{k}"] for k in TEAM_KINDS) >= 3
    db.session.rollback()
    soak_people = select(Person.id).where(Person.family_name.like("Soak%"))
    assert _count(select(func.count()).select_from(soak_people.subquery())) == done["people"]
    assert _count(select(func.count()).select_from(Access)
                  .where(Access.person_id.in_(soak_people))) == done["accesses"]
    for kind in TEAM_KINDS:
        made = _count(select(func.count()).select_from(Referral).join(Case).join(Team)
                      .where(Case.person_id.in_(soak_people), Team.kind == kind))
        assert made == done[f"referrals_{kind}"], kind
        accepted = _count(select(func.count()).select_from(Referral).join(Team)
                          .where(Referral.accepted_at >= started, Team.kind == kind))
        assert accepted == done[f"accepted_{kind}"], kind
    assert _count(select(func.count()).select_from(Note)
                  .where(Note.body.like("Soak note%"))) == done["notes"]
    if not PG_URL:
        assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
