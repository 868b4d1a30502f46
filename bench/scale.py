"""How a request grows with the data, with the machine's drift taken out:
`python -m bench.scale` (issue 21).

`make bench --scale` times every row on the smaller database, then every row on the larger
one, minutes apart; on this shared VM the speed drifts by a third in that time (the page
floor itself moved by 70 % between the two halves of one run, 6 Dec), which is more than the
bounds (1.1×, 1.3×). Here both databases are opened in one process, each with its own app and
signed-in client, and each row's requests alternate between them, one on each in turn: what
drifts falls on both. Times are in-process (no HTTP server): the ratio of the two medians is
what depends on the data."""

import statistics
import time
from urllib.parse import quote_plus

import click

from .flows import FLOWS, SEARCHES, SUPERVISOR_FLOWS
from .prepare import STAFF_PASSWORD, SUPERVISOR_TOTP_SECRET, TOTP_ROLES, bench_app, prepare, sqlite_url
from .run import _context
from .timing import ClientBrowser


def _client(url: str, people: int, flow):
    prepare(url, people)
    context = _context(url)
    browser = ClientBrowser(bench_app(url))
    browser.login(context.emails[flow.role], STAFF_PASSWORD,
                  SUPERVISOR_TOTP_SECRET if flow.role in TOTP_ROLES else None)
    for number in range(3):  # warm-up: caches, compiled statements
        flow.run(browser, number, context)
    return browser, context


def _timed(flow, browser, context, number: int) -> float:
    started = time.perf_counter()
    flow.run(browser, number, context)
    return (time.perf_counter() - started) * 1000


@click.command()
@click.option("--small", default=10_000, show_default=True)
@click.option("--large", default=100_000, show_default=True)
@click.option("--url", "template", default=None,
              help="Database URL with {people} (default: the cached SQLite files), e.g. "
              "postgresql://postgres@127.0.0.1/sportello_bench_{people}")
@click.option("--runs", default=40, show_default=True, type=click.IntRange(min=3))
@click.option("--all", "every", is_flag=True, help="Every read row, not only those with a bound.")
@click.option("--searches", is_flag=True, help="The person-search row query by query instead "
              "(which words make it grow).")
def main(small, large, template, runs, every, searches):
    def url(people: int) -> str:
        return template.format(people=people) if template else sqlite_url(people)

    if searches:
        _by_search(url, small, large, runs)
        return

    flows = [flow for flow in SUPERVISOR_FLOWS + FLOWS
             if (flow.scale_bound is not None or every) and not flow.writes]
    click.echo(f"| request | median ms at {small} | median ms at {large} | ratio | bound |")
    click.echo("|---|---:|---:|---:|---:|")
    for flow in flows:
        sides = [_client(url(small), small, flow), _client(url(large), large, flow)]
        samples: list[list[float]] = [[], []]
        for number in range(runs):
            for side, (browser, context) in enumerate(sides):
                samples[side].append(_timed(flow, browser, context, 3 + number))
        before, after = (statistics.median(s) for s in samples)
        bound = f"{flow.scale_bound:.1f}×" if flow.scale_bound else "—"
        click.echo(f"| {flow.name} | {before:.1f} | {after:.1f} | {after / before:.2f}× "
                   f"| {bound} |")


def _by_search(url, small: int, large: int, runs: int) -> None:
    flow = next(flow for flow in FLOWS if flow.name == "person search")
    sides = [_client(url(small), small, flow), _client(url(large), large, flow)]
    click.echo(f"| search | median ms at {small} | median ms at {large} | ratio |")
    click.echo("|---|---:|---:|---:|")
    for query in SEARCHES:
        samples: list[list[float]] = [[], []]
        for _ in range(runs):
            for side, (browser, _unused) in enumerate(sides):
                started = time.perf_counter()
                browser.get("/people/search?q=" + quote_plus(query))
                samples[side].append((time.perf_counter() - started) * 1000)
        before, after = (statistics.median(s) for s in samples)
        click.echo(f"| {query} | {before:.1f} | {after:.1f} | {after / before:.2f}× |")


if __name__ == "__main__":
    main()
