"""Soak, service level: concurrent writers through the app's own sessions, as the request
handlers use them. On SQLite this proves that BEGIN IMMEDIATE plus the busy timeout make
writers queue instead of failing ("database is locked") and that nothing is lost."""

import os
import random
import threading
import time
from datetime import timedelta

from sqlalchemy import func, select, update

from desk import create_app
from desk.common.clock import today
from desk.counter.search_keys import name_key
from desk.extensions import db
from desk.models.cases import Access, AccessNeed, Case, Referral
from desk.models.history import TimelineEvent, record_event
from desk.models.people import Person
from desk.models.sites import Site, Team

from .conftest import PG_URL

SECONDS = float(os.environ.get("SOAK_SECONDS", "6"))
CLIENTS = 8


def _counter_flow(site: Site, teams: list[Team], rng: random.Random) -> dict:
    """Register a person, record an access, open a case and route it: one transaction."""
    person = Person(site_id=site.id, given_name=rng.choice(("Amina", "Олена", "Wei")),
                    family_name=f"Soak{rng.randint(1, 10**9)}")
    person.name_key = name_key(person.given_name, person.family_name)
    db.session.add(person)
    db.session.flush()
    case = Case(person_id=person.id, site_id=site.id)
    db.session.add(case)
    db.session.flush()
    access = Access(person_id=person.id, site_id=site.id, case_id=case.id, channel="walk_in",
                    outcome="routed", need_rows=[AccessNeed(need="documents")])
    db.session.add(access)
    db.session.flush()
    record_event(case, "case_opened")
    record_event(case, "access_recorded", payload={"access_id": access.id})
    team = rng.choice(teams)
    referral = Referral(case_id=case.id, team_id=team.id, reason="documents",
                        due_date=today() + timedelta(days=10))
    db.session.add(referral)
    db.session.flush()
    record_event(case, "referral_made", team=team, payload={"referral_id": referral.id})
    db.session.commit()
    return {"people": 1, "cases": 1, "accesses": 1, "referrals": 1, "events": 3}


def _team_action(rng: random.Random) -> dict:
    """Accept the oldest pending referral of a team (if another worker was quicker, nothing),
    with its timeline event, in one transaction."""
    referral = db.session.scalar(select(Referral).where(Referral.status == "pending")
                                 .order_by(Referral.id).limit(1))
    if referral is None:
        db.session.rollback()
        return {}
    claimed = db.session.execute(
        update(Referral).where(Referral.id == referral.id, Referral.status == "pending")
        .values(status="accepted", version=Referral.version + 1)
        .execution_options(synchronize_session=False)).rowcount
    if not claimed:
        db.session.rollback()
        return {"lost_races": 1}
    record_event(referral.case, "referral_accepted", payload={"referral_id": referral.id})
    db.session.commit()
    return {"accepted": 1, "events": 1}


class Client(threading.Thread):
    def __init__(self, app, number, deadline):
        super().__init__(daemon=True)
        self.app, self.number, self.deadline = app, number, deadline
        self.done: dict[str, int] = {}
        self.errors: list[str] = []

    def run(self):
        rng = random.Random(self.number)
        with self.app.app_context():
            site = db.session.scalar(select(Site))
            teams = list(site.teams)
            db.session.commit()
            while time.monotonic() < self.deadline:
                try:
                    step = _counter_flow(site, teams, rng) if self.number % 2 or \
                        rng.random() < 0.3 else _team_action(rng)
                except Exception as error:  # every failure is a finding
                    db.session.rollback()
                    self.errors.append(f"{type(error).__name__}: {error}")
                    continue
                for key, value in step.items():
                    self.done[key] = self.done.get(key, 0) + value
            db.session.remove()


def test_concurrent_writers_lose_nothing_and_leave_a_sound_database(make, tmp_path):
    site = make.site("TO")
    db.session.commit()
    url = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1) if PG_URL else \
        f"sqlite:///{tmp_path / 'test.sqlite'}"
    # As in production: writers outside requests take the SQLite write lock at BEGIN.
    soak_app = create_app({"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": url,
                           "SQLITE_LOCK_OUTSIDE_REQUESTS": True})
    deadline = time.monotonic() + SECONDS
    clients = [Client(soak_app, n, deadline) for n in range(CLIENTS)]
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=SECONDS + 60)
    errors = [e for c in clients for e in c.errors]
    assert errors == []
    totals: dict[str, int] = {}
    for client in clients:
        for key, value in client.done.items():
            totals[key] = totals.get(key, 0) + value
    assert totals.get("people", 0) > 20
    db.session.rollback()

    def count(model, *where):
        return db.session.scalar(select(func.count()).select_from(model).where(*where))

    assert count(Person, Person.site_id == site.id) == totals["people"]
    assert count(Case) == totals["cases"] == count(Access)
    assert count(Referral) == totals["referrals"]
    assert count(Referral, Referral.status == "accepted") == totals.get("accepted", 0)
    assert count(TimelineEvent) == totals["events"]
    with soak_app.app_context():
        db.engine.dispose()
    if not PG_URL:
        assert db.session.execute(db.text("PRAGMA integrity_check")).scalar() == "ok"
        assert db.session.execute(db.text("PRAGMA foreign_key_check")).all() == []
