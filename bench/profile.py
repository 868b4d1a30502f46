"""Profile one benchmark request in-process: `python -m bench.profile "team queue"`.

Signs the flow's role in on the cached benchmark database (see bench/prepare.py), runs the
request a few times for warm-up, then prints the slowest SQL statements of one run (time,
first words) and a pyinstrument call tree of several runs. Used to find where a request that
misses its target spends its time; nothing is written to the database."""

import statistics
import time

import click
from sqlalchemy import event

from .flows import EXPORT_FLOWS, FLOWS, SUPERVISOR_FLOWS
from .prepare import STAFF_PASSWORD, SUPERVISOR_TOTP_SECRET, TOTP_ROLES, bench_app, prepare, sqlite_url
from .run import _context
from .timing import ClientBrowser, capturing

ALL_FLOWS = {flow.name: flow for flow in SUPERVISOR_FLOWS + FLOWS + EXPORT_FLOWS}


def _statement_times(app, browser, flow, context) -> list[tuple[float, str]]:
    from desk.extensions import db

    with app.app_context():
        engine = db.engine
    times: list[tuple[float, str]] = []
    started: dict[int, float] = {}

    def before(conn, cursor, statement, parameters, context_, executemany):
        started[id(cursor)] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context_, executemany):
        elapsed = time.perf_counter() - started.pop(id(cursor), time.perf_counter())
        times.append((elapsed * 1000, " ".join(statement.split())[:160]))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        with capturing(app, browser, no_commit=True):
            flow.run(browser, -1, context)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return times


@click.command()
@click.argument("name", type=click.Choice(sorted(ALL_FLOWS)))
@click.option("--people", default=100_000, show_default=True)
@click.option("--url", default=None, help="Database URL (default: the cached SQLite one).")
@click.option("--runs", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--timing-only", is_flag=True, help="Median time of the runs, no call tree.")
@click.option("--calls", is_flag=True, help="Python function calls per request (cProfile): "
              "the same on a busy machine as on an idle one, so a change can be judged there.")
def main(name, people, url, runs, timing_only, calls):
    from pyinstrument import Profiler

    url = url or sqlite_url(people)
    flow = ALL_FLOWS[name]
    prepare(url, people)  # migrates the cached database (generates it only when missing)
    context = _context(url)
    app = bench_app(url)
    browser = ClientBrowser(app)
    browser.login(context.emails[flow.role], STAFF_PASSWORD,
                  SUPERVISOR_TOTP_SECRET if flow.role in TOTP_ROLES else None)
    for number in range(3):
        flow.run(browser, number, context)
    times = _statement_times(app, browser, flow, context)
    click.echo(f"{len(times)} statements, {sum(t for t, _ in times):.1f} ms of SQL; slowest:")
    for elapsed, statement in sorted(times, reverse=True)[:8]:
        click.echo(f"  {elapsed:8.1f} ms  {statement}")
    if calls:
        _count_calls(flow, browser, context, runs)
        return
    if timing_only:
        samples, cpu = [], []
        for number in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            flow.run(browser, 3 + number, context)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        click.echo(f"{runs} runs: median {statistics.median(samples):.1f} ms, "
                   f"min {min(samples):.1f} ms, max {max(samples):.1f} ms; "
                   f"CPU median {statistics.median(cpu):.1f} ms")
        return
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for number in range(runs):
            flow.run(browser, 3 + number, context)
    click.echo(f"{runs} runs, {(time.perf_counter() - started) / runs * 1000:.1f} ms each")
    click.echo(profiler.output_text(unicode=True, color=False, show_all=False))


def _count_calls(flow, browser, context, runs: int) -> None:
    import cProfile
    import pstats

    per_run = []
    for number in range(runs):
        profiler = cProfile.Profile()
        profiler.enable()
        flow.run(browser, 3 + number, context)
        profiler.disable()
        per_run.append(pstats.Stats(profiler).total_calls)
    click.echo(f"{runs} runs: median {statistics.median(per_run):.0f} Python calls per request "
               f"(min {min(per_run)}, max {max(per_run)})")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
