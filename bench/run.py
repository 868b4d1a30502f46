"""`make bench` / `python -m bench.run`: time the key requests on a generated database of
100,000 people, on SQLite and (when it answers) PostgreSQL, and write docs/benchmarks.md."""

import os
import platform
import random
import sqlite3
import time
from datetime import UTC, datetime

import click
from sqlalchemy import func, select, text

from .digest import time_digest
from .flows import EXPORT_FLOWS, FLOWS, SUPERVISOR_FLOWS, Context, login_all
from .harness import PROJECT, serve, server_errors
from .prepare import DEFAULT_PG, STAFF_PASSWORD, TOTP_ROLES, bench_app, postgres_reachable, prepare, sqlite_url
from .report import write_report
from .soak import run_soak, verify
from .timing import TRANSACTION_CONTROL, ClientBrowser, capturing, load, replay, sequence_state


def _context(url: str) -> Context:
    """Ids the flows need: heavy cases, people without an open case, search words."""
    from desk.extensions import db
    from desk.models.cases import Case
    from desk.models.history import TimelineEvent
    from desk.models.people import Consent, Person
    from desk.models.sites import Site
    from desk.sampledata.casestory import HEAVY_EVENTS

    app = bench_app(url)
    with app.app_context():
        site_id = db.session.scalar(select(Site.id).where(Site.code == "TO"))
        # The cases with a long history (HEAVY_EVENTS = 200 events; one person in 20,000).
        heavy = db.session.execute(
            select(TimelineEvent.case_id, func.count()).join(Case).where(Case.site_id == site_id)
            .group_by(TimelineEvent.case_id).having(func.count() >= HEAVY_EVENTS)
            .order_by(func.count().desc()).limit(4)).all()
        open_case = select(Case.person_id).where(Case.status != "closed")
        consented = select(Consent.person_id).where(Consent.purpose == "share_with_services")
        free = db.session.scalars(select(Person.id).where(
            Person.site_id == site_id, Person.id.not_in(open_case), Person.id.in_(consented))
            .order_by(Person.id).limit(400)).all()
        db.session.commit()
        db.engine.dispose()
    return Context(heavy_cases=[case_id for case_id, _ in heavy], free_people=free,
                   rng=random.Random(1), heavy_events=min((n for _, n in heavy), default=0))


def calibrate() -> float:
    """Milliseconds a fixed piece of pure-Python work takes now (median of 5). The machine's
    speed drifts (shared host): this, taken before and after each engine's run, says how fast
    it was while the table was measured."""
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number % 7
        samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples)[2]


def warm_up(port: int, cookies: dict, context: Context, only: tuple) -> None:
    """Each request a few times before anything is timed, so no row pays for the caches
    (database pages, compiled statements and templates) that the rows before it filled."""
    for flow in SUPERVISOR_FLOWS + FLOWS:
        if only and not any(word in flow.name for word in only):
            continue
        load("warm-up", port, cookies[flow.role], lambda b, i, f=flow: f.run(b, i, context),
             clients=4, requests=12, max_seconds=10, ok=flow.ok)


def _floor_sql(app, context: Context, flow, browsers: dict) -> tuple[float | None, int | None]:
    """p50 of the bare SQL of the flow's timed request, in ms, and how many statements it ran.
    One signed-in test client per role (a TOTP code is accepted once, so the supervisor signs
    in once)."""
    browser = browsers.get(flow.role)
    if browser is None:
        browser = browsers[flow.role] = ClientBrowser(app)
        browser.login(context.emails[flow.role], STAFF_PASSWORD,
                      _totp_secret() if flow.role in TOTP_ROLES else None)
    sequences = sequence_state(app)
    with capturing(app, browser, no_commit=True):  # nothing of the capture is kept
        response = flow.run(browser, -1, context)
    if response.status >= 400 or not browser.statements:
        return None, None
    work = [s for s in browser.statements
            if not s[0].lstrip().upper().startswith(TRANSACTION_CONTROL)]
    return replay(app, browser.statements, sequences=sequences).p50, len(work)


def _totp_secret():
    from .prepare import SUPERVISOR_TOTP_SECRET

    return SUPERVISOR_TOTP_SECRET


def bench_engine(label: str, url: str, people: int, clients: int, soak_seconds: float,
                 server: dict, only: tuple = (), digest_users: int = 0) -> dict:
    info = prepare(url, people)
    info["calibration"] = [calibrate()]
    context = _context(url)
    info["heavy_events"] = context.heavy_events
    results = {"label": label, "info": info, "rows": [], "soak": None}
    with serve(url, **server) as (port, error_log):
        cookies = login_all(port, context)
        warm_up(port, cookies, context, only)
        for flow in SUPERVISOR_FLOWS + FLOWS + EXPORT_FLOWS:
            if only and not any(word in flow.name for word in only):
                continue
            measure = load(flow.name, port, cookies[flow.role],
                           lambda b, i, f=flow: f.run(b, i, context),
                           clients=flow.clients or clients, requests=flow.requests,
                           max_seconds=15, ok=flow.ok)
            floor = load("floor", port, cookies[flow.role], lambda b, i: b.get("/auth/me"),
                         clients=flow.clients or clients, requests=100, max_seconds=10)
            busy = None
            # The targeted requests again with twice the clients.
            if flow.target_ms is not None or flow.target_p50_ms is not None:
                busy = load(flow.name, port, cookies[flow.role],
                            lambda b, i, f=flow: f.run(b, i, context), clients=2 * clients,
                            requests=flow.requests, max_seconds=10, ok=flow.ok)
            results["rows"].append({"flow": flow, "measure": measure, "page_floor": floor,
                                    "busy": busy})
            click.echo(f"  {label} {flow.name}: p50 {measure.p50 or 0:.1f} ms, "
                       f"p95 {measure.p95 or 0:.1f} ms{' ' + measure.skipped if measure.skipped else ''}")
        started = datetime.now(UTC).replace(tzinfo=None)
        if soak_seconds:
            soak = run_soak(port, STAFF_PASSWORD, soak_seconds, clients=8)
            results["soak"] = {"result": soak, "log_errors": server_errors(error_log)}
        results["server_errors"] = server_errors(error_log)
    info["calibration"].append(calibrate())
    app = bench_app(url)
    browsers: dict = {}
    for row in results["rows"]:
        flow = row["flow"]
        if row["measure"].skipped:
            continue
        try:
            row["sql_floor"], row["statements"] = _floor_sql(app, context, flow, browsers)
        except Exception as error:  # the floor is informative; never lose the run for it
            row["sql_floor"] = None
            row["sql_error"] = f"{type(error).__name__}: {error}"[:200]
    if results["soak"] is not None:
        from desk.extensions import db

        with app.app_context():
            results["soak"]["problems"] = verify(db.session, started, results["soak"]["result"])
            if url.startswith("sqlite"):
                results["soak"]["integrity"] = db.session.execute(
                    text("PRAGMA integrity_check")).scalar()
            db.session.commit()
            db.engine.dispose()
    if digest_users and (not only or any("digest" in word for word in only)):
        results["digest"] = time_digest(url, digest_users)
        click.echo(f"  {label} {results['digest'].line()}")
    return results


@click.command()
@click.option("--people", default=100_000, show_default=True)
@click.option("--clients", default=os.cpu_count() or 2, show_default=True,
              help="Concurrent clients per request (default: one per CPU); the targeted "
              "requests are timed again with twice as many.")
@click.option("--soak-seconds", default=60.0, show_default=True)
@click.option("--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG),
              show_default=True, help="Server URL; the database is sportello_bench_<people>.")
@click.option("--no-postgres", is_flag=True)
@click.option("--no-sqlite", is_flag=True, help="PostgreSQL only (the region of 1,000,000 "
              "people is generated there).")
@click.option("--workers", default=4, show_default=True,
              help="gunicorn worker processes (as README's production command).")
@click.option("--threads", default=1, show_default=True,
              help="Threads per worker (1: gunicorn's sync workers).")
@click.option("--only", multiple=True, help="Time only the requests whose name contains this "
              "(\"digest\": the morning digest).")
@click.option("--digest-users", default=1000, show_default=True,
              help="Users of the timed morning digest (bench/digest.py); 0 skips it.")
@click.option("--scale", "scale_from", type=int, default=None, is_flag=False,
              flag_value=10_000, help="Also time the rows on a database of this many people "
              "(10,000 when given without a number) and print each row's ratio to --people.")
@click.option("--output", default=str(PROJECT / "docs" / "benchmarks.md"), show_default=True)
def main(people, clients, soak_seconds, postgres, no_postgres, no_sqlite, workers, threads,
         only, digest_users, scale_from, output):
    runs, scales = [], []
    started = time.time()
    # Generated staff have no authenticator: only the supervisor (bench.prepare) signs in with one.
    server = {"workers": workers, "threads": threads,
              "extra_env": {"TOTP_REQUIRED_TEAM_KINDS": ""}}
    engines = [] if no_sqlite else [("SQLite", sqlite_url)]
    if not no_postgres and postgres_reachable(f"{postgres.rstrip('/')}/sportello_bench_{people}"):
        engines.append(("PostgreSQL", lambda n: f"{postgres.rstrip('/')}/sportello_bench_{n}"))
    else:
        click.echo("PostgreSQL not reachable: skipped")
    for label, url_for in engines:
        if scale_from:
            small_url = url_for(scale_from)  # prepare() creates a missing PostgreSQL database
            click.echo(f"{label}, {scale_from} people (--scale)")
            small = bench_engine(label, small_url, scale_from, clients, 0, server, only)
        click.echo(f"{label}, {people} people")
        runs.append(bench_engine(label, url_for(people), people, clients, soak_seconds,
                                 server, only, digest_users))
        if scale_from:
            scales.append((small, runs[-1]))
    environment = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(), "load": os.getloadavg(), "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version, "minutes": round((time.time() - started) / 60, 1),
        "clients": clients, "server": server,
    }
    table = write_report(output, runs, environment, tuple(scales))
    click.echo(table)
    failed = any(r["soak"] and (r["soak"]["problems"] or r["soak"]["result"].failures
                                or r["soak"]["result"].server_errors) for r in runs)
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
