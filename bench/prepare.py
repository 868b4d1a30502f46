"""The benchmark databases: generated once, cached, reused (instance/bench/, and a database
`sportello_bench` on the local PostgreSQL when one answers)."""

import hashlib
import json
import time
from pathlib import Path

import click
from sqlalchemy import event, func, select, text

from .harness import PROJECT

BENCH_DIR = PROJECT / "instance" / "bench"
STAFF_PASSWORD = "bench-staff-password-2026"
# Known only to the benchmark: the generated supervisor signs in with TOTP like everyone else.
SUPERVISOR_TOTP_SECRET = "BENCHBENCHBENCHBENCHBENCHBENCH22"
# The regional coordinator of the observatory flows, with the same secret.
COORDINATOR_EMAIL = "coordinator@generated.test"
TOTP_ROLES = ("supervisor", "coordinator")
DEFAULT_PG = "postgresql://postgres@127.0.0.1"  # database sportello_bench_<people>


def bench_app(url: str):
    from desk import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": _driver_url(url)})


def _driver_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith(
        "postgresql://") else url


def postgres_reachable(url: str) -> bool:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                        (name,)).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.Error:
        return False


def prepare(url: str, people: int, seed: int = 1) -> dict:
    """Migrate and generate `people` people unless the database already holds them."""
    from flask_migrate import upgrade

    from desk.models.people import Person
    from desk.ops.statistics import refresh_statistics
    from desk.sampledata.generate import generate

    if url.startswith("postgresql") and not postgres_reachable(url):  # creates the database
        raise click.ClickException(f"PostgreSQL does not answer at {url}")
    stamp = BENCH_DIR / f"stamp-{hashlib.sha1(url.encode()).hexdigest()[:12]}.json"
    app = bench_app(url)
    with app.app_context():
        from desk.extensions import db

        _upgrade(db, upgrade)
        present = db.session.scalar(select(func.count()).select_from(Person))
        db.session.commit()
        info = json.loads(stamp.read_text()) if stamp.exists() else {}
        if present < people or info.get("people") != people:
            if present:
                raise click.ClickException(
                    f"{url} holds {present} people but no finished benchmark stamp: delete it "
                    "(or the file) and run again.")
            started = time.monotonic()
            with click.progressbar(length=people, label=f"Generating {people} people") as bar:
                generate(people, seed, ["TO", "CN"], STAFF_PASSWORD, 5000, bar.update)
            info = {"people": people, "seed": seed,
                    "generation_seconds": round(time.monotonic() - started, 1)}
            _enrol_supervisor(db)
            BENCH_DIR.mkdir(parents=True, exist_ok=True)
            stamp.write_text(json.dumps(info))
        _ensure_coordinator(db)  # also in a database generated before the observatory
        db.session.commit()
        # As a maintained database has them, also for indexes added by a later migration.
        refresh_statistics(db.engine)
        info["events"] = db.session.scalar(text("SELECT count(*) FROM timeline_event"))
        db.session.commit()
        db.engine.dispose()
    return info


def _upgrade(db, upgrade) -> None:
    """Migrate. On SQLite with foreign keys off while batch migrations rebuild tables that
    others point to (DROP TABLE person fails otherwise), then checked."""
    if db.engine.dialect.name != "sqlite":
        upgrade(directory=str(PROJECT / "migrations"))
        return
    db.engine.dispose()

    def keys_off(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")

    event.listen(db.engine, "connect", keys_off)
    try:
        upgrade(directory=str(PROJECT / "migrations"))
    finally:
        event.remove(db.engine, "connect", keys_off)
        db.engine.dispose()
    problems = db.session.execute(text("PRAGMA foreign_key_check")).all()
    db.session.commit()
    if problems:
        raise click.ClickException(f"foreign keys broken after migrating: {problems[:5]}")


def _enrol_supervisor(db) -> None:
    from desk.common.clock import utcnow
    from desk.models.users import User
    from desk.sampledata.generate import staff_email

    for site in ("TO", "CN"):
        user = db.session.scalar(select(User).where(User.email == staff_email("supervisor", 1,
                                                                                site)))
        if user is not None:
            user.totp_secret = SUPERVISOR_TOTP_SECRET
            user.totp_enabled_at = utcnow()
    db.session.commit()


def _ensure_coordinator(db) -> None:
    from desk.auth.services import create_user, find_user_by_email
    from desk.common.clock import utcnow
    from desk.models.users import REGION

    user = find_user_by_email(COORDINATOR_EMAIL)
    if user is None:
        user = create_user(email=COORDINATOR_EMAIL, name="Coordinatrice regionale",
                           password=STAFF_PASSWORD, roles=["coordinator"])
    user.observatory_scope = REGION
    user.totp_secret = SUPERVISOR_TOTP_SECRET
    user.totp_enabled_at = utcnow()


def sqlite_url(people: int) -> str:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(BENCH_DIR / f'bench-{people}.sqlite')}"
