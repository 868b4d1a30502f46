"""What its notifications cost the intake (issue 17: writing the outbox rows must not slow
the intake by more than 10 %): `python -m bench.outbox_cost [--people N] [--runs N] [--url]`.

The intake POST with routing (the bench's own flow, in-process, signed in as a desk
operator) is timed alternately with its notifications and without them (the notifications
service's `referral_made` made a no-op for that request), so that the machine's drift, which
moves a row's time by a third within minutes here, falls on both alike. Prints the median of
each, their ratio and the statements each ran, and the time spent in `referral_made` itself
(the steadiest figure: it does not move with the rest of the request). The intakes are committed, as at the counter."""

import statistics
import time
from unittest import mock

import click
from sqlalchemy import event

from .flows import FLOWS
from .prepare import STAFF_PASSWORD, bench_app, prepare, sqlite_url
from .run import _context
from .timing import ClientBrowser

BOUND = 1.10


@click.command()
@click.option("--people", default=100_000, show_default=True)
@click.option("--url", default=None, help="Database URL (default: the cached SQLite one).")
@click.option("--runs", default=60, show_default=True, type=click.IntRange(min=4))
def main(people, url, runs):
    from desk.extensions import db
    from desk.notifications import services as notifications

    url = url or sqlite_url(people)
    prepare(url, people)
    flow = next(f for f in FLOWS if f.name.startswith("intake"))
    context = _context(url)
    app = bench_app(url)
    browser = ClientBrowser(app)
    browser.login(context.emails[flow.role], STAFF_PASSWORD)
    with app.app_context():
        engine = db.engine
    statements: dict[bool, list[int]] = {True: [], False: []}
    samples = {True: [], False: []}
    counting, inside = [], []
    referral_made = notifications.referral_made

    def timed(*args):  # the notifications' own time, inside the intake
        started = time.perf_counter()
        told = referral_made(*args)
        inside.append((time.perf_counter() - started) * 1000)
        return told

    event.listen(engine, "before_cursor_execute", lambda *args: counting.append(1))
    for number in range(runs * 2 + 4):
        notify = number % 2 == 0
        person_id = context.free_people[number % len(context.free_people)]
        page = browser.get(f"/people/{person_id}/intake")
        counting.clear()
        with mock.patch.object(notifications, "referral_made",
                               wraps=timed if notify else (lambda *args: None)):
            started = time.perf_counter()
            response = browser.submit(page, {"needs": ["documents", "housing"],
                                             "teams": [("legal", "social", "health",
                                                        "mediation")[number // 2 % 4]]},
                                      has_field="needs")
            elapsed = (time.perf_counter() - started) * 1000
        if response.status not in flow.ok:
            raise click.ClickException(f"intake answered {response.status}")
        if number >= 4:  # warm-up
            samples[notify].append(elapsed)
            statements[notify].append(len(counting))
    with_, without = statistics.median(samples[True]), statistics.median(samples[False])
    ratio = with_ / without
    verdict = "within" if ratio <= BOUND else "OVER"
    click.echo(f"intake POST, {runs} of each, alternately: with notifications median "
               f"{with_:.1f} ms ({statistics.median(statements[True]):.0f} statements), without {without:.1f} ms "
               f"({statistics.median(statements[False]):.0f}): ratio {ratio:.2f}, {verdict} the "
               f"{BOUND:.2f} bound; the notifications' own time in it, median "
               f"{statistics.median(inside):.1f} ms")
    p95 = {notify: statistics.quantiles(samples[notify], n=20)[-1] for notify in samples}
    click.echo(f"p95: with {p95[True]:.1f} ms, without {p95[False]:.1f} ms: ratio "
               f"{p95[True] / p95[False]:.2f}")


if __name__ == "__main__":
    main()
