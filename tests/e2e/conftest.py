"""Browser fixtures: Debian's Chromium driven by Playwright against the live app (a fresh
SQLite file, migrated and loaded with the demo seed, served on 127.0.0.1 while the
browser tests run; it stops, with the browser, before the rest of the suite).

Without /usr/bin/chromium the browser tests are skipped, except under CI=true where a
missing browser is a failure (scripts/ensure_chromium.sh installs it).
"""

import os
import tempfile
from pathlib import Path

import pytest

from . import server
from .server import CHROMIUM, LiveServer, build_app, launch_chromium, seed

UNDER_CI = os.environ.get("CI") == "true"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    # Under pytest-xdist (`make test`) the browser tests share one worker, so one demo
    # server and one browser serve them all (--dist loadgroup).
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("browser"))
    if CHROMIUM.exists() or UNDER_CI:
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} not found: run scripts/ensure_chromium.sh (required when CI=true)"
    )
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def clock():
    """The browser tests share one demo server: its clock runs on from the start of the
    session (tests/conftest.py), never back, so what one test wrote stays in the past."""
    yield


@pytest.fixture(scope="package")
def live_server(tmp_path_factory):
    """The app with demo data, served on 127.0.0.1 while the browser tests run."""
    app = build_app(tmp_path_factory.mktemp("e2e"))
    seed(app)
    with LiveServer(app) as live:
        yield live


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is required for the browser tests under CI=true: "
                    "run scripts/ensure_chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def _note_console(errors: list, message) -> None:
    """Script errors and CSP refusals; failed loads are judged by _note_response instead
    (a refused form is meant to come back with 422)."""
    if message.type != "error" or message.text.startswith("Failed to load resource"):
        return
    errors.append(f"{message.text} ({(message.location or {}).get('url', '')})")


def _note_response(errors: list, response) -> None:
    status = response.status
    if status >= 500 or (status == 404 and response.request.resource_type != "document"
                         and not response.url.endswith("/favicon.ico")):
        errors.append(f"{status} for {response.request.method} {response.url}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture
def new_page(browser, live_server, request):
    """new_page(locale="it", width=1366) -> a page in its own context (own cookies).

    The test fails if the page meets script errors, CSP refusals, server errors or missing
    assets; when it fails, each page's last state is saved as a screenshot."""
    contexts = []

    def factory(locale="it", width=1366, height=900):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id="Europe/Rome",
            viewport={"width": width, "height": height},
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)  # generous: CI machines may be busy
        errors: list[str] = []
        contexts.append((context, errors))
        page = context.new_page()
        page.on("console", lambda m: _note_console(errors, m))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("response", lambda response: _note_response(errors, response))
        return page

    yield factory
    if getattr(request.node, "e2e_failed", False):
        folder = Path(tempfile.gettempdir()) / "sportello-e2e-failures"
        folder.mkdir(exist_ok=True)
        for number, (context, _errors) in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=folder / f"{request.node.name}-{number}.png", full_page=True)
        print(f"screenshots of the failed test: {folder}")
    problems = [e for _context, errors in contexts for e in errors]
    for context, _errors in contexts:
        context.close()
    assert not problems, f"browser console errors: {problems}"


def sign_in(page, email: str, locale: str | None = None) -> None:
    server.sign_in(page, email, locale)
