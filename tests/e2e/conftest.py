"""Browser fixtures: Debian's Chromium driven by Playwright against the live app.

Without /usr/bin/chromium the browser tests are skipped, except under CI=true where a
missing browser is a failure (scripts/ensure_chromium.sh installs it).
"""

import logging
import os

import pytest

from .server import CHROMIUM, DEMO_PASSWORD, LiveServer, SeedMissing, build_app, launch_chromium, seed

UNDER_CI = os.environ.get("CI") == "true"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or UNDER_CI:
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} not found: run scripts/ensure_chromium.sh (required when CI=true)"
    )
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app with demo data, served on 127.0.0.1 for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is required for the browser tests under CI=true")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = build_app(tmp_path_factory.mktemp("e2e"))
    try:
        seed(app)
        seeded = True
    except SeedMissing:
        seeded = False
    with LiveServer(app, seeded=seeded) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


class BrowserErrors(list):
    """Console errors and failed page loads seen by one browser context (CSP refusals too)."""


def _note_console(errors: list, message) -> None:
    if message.type != "error":
        return
    where = (message.location or {}).get("url", "")
    if where.endswith("/favicon.ico"):  # the browser asks for it on its own; there is none
        return
    errors.append(f"{message.text} ({where})")


@pytest.fixture
def new_page(browser, live_server):
    """new_page(locale="it", width=1366) -> a page in its own context (own cookies)."""
    contexts = []

    def factory(locale="it", width=1366, height=900):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id="Europe/Rome",
            viewport={"width": width, "height": height},
            accept_downloads=True,
        )
        context.set_default_timeout(10_000)
        errors = BrowserErrors()
        contexts.append((context, errors))
        page = context.new_page()
        page.on("console", lambda m: _note_console(errors, m))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.errors = errors
        page.live_server = live_server
        return page

    yield factory
    problems = [e for _context, errors in contexts for e in errors]
    for context, _errors in contexts:
        context.close()
    assert not problems, f"browser console errors: {problems}"


def sign_in(page, email: str, locale: str | None = None, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form; with `locale`, then choose that UI language in the switcher
    (a signed-in user's saved language wins over the browser's, so tests say which they want)."""
    if not page.live_server.seeded:
        pytest.skip("screen not built yet: the demo accounts come from `flask desk seed-demo`")
    page.goto("/auth/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/auth/login" not in page.url, f"{email} could not sign in"
    if locale:
        switch_locale(page, locale)


def switch_locale(page, locale: str) -> None:
    if page.locator("html").get_attribute("lang") == locale:
        return
    with page.expect_navigation():
        page.select_option("#locale-select", locale)
    assert page.locator("html").get_attribute("lang") == locale


@pytest.fixture
def signed_in(new_page):
    """signed_in(email, locale="it", width=1366) -> a page of a signed-in demo user."""

    def factory(email, locale="it", width=1366):
        page = new_page(locale=locale, width=width)
        sign_in(page, email, locale=locale)
        return page

    return factory
