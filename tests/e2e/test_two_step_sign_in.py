"""Two-step sign-in in the browser, as a supervisor meets it the first time: scan (here:
read) the key, enter the app's code, keep the recovery codes; later, sign in with one of them.

The other browser tests switch the second step off (they test the screens behind it); this
one switches it on for the supervisor role and uses an account of its own.
"""

import re

import pyotp
import pytest

from .checks import assert_accessible
from .server import DEMO_PASSWORD, switch_locale

pytestmark = pytest.mark.e2e

EMAIL = "supervisore.e2e@demo.test"


@pytest.fixture
def second_step_required(live_server, monkeypatch):
    from desk.auth.services import create_user
    from desk.extensions import db

    monkeypatch.setitem(live_server.app.config, "TOTP_REQUIRED_ROLES", frozenset({"supervisor"}))
    with live_server.app.app_context():
        create_user(email=EMAIL, name="Supervisione E2E", password=DEMO_PASSWORD,
                    roles=["supervisor"], site_codes=["TO"], locale="it")
        db.session.commit()


def _password_step(page):
    page.goto("/auth/login")
    page.fill("#email", EMAIL)
    page.fill("#password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_supervisor_enrols_an_authenticator_then_signs_in_with_a_recovery_code(
        new_page, second_step_required):
    page = new_page(locale="it")
    _password_step(page)
    page.wait_for_url(re.compile(r"/auth/two-factor/setup"))
    switch_locale(page, "ar")  # the enrolment page reads right to left in Arabic too
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("p.qr img").is_visible()
    assert_accessible(page)

    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.locator("main form button[type=submit]").click()
    codes = page.locator(".recovery-codes code")
    codes.first.wait_for()
    assert codes.count() >= 8
    recovery = codes.first.inner_text().strip()
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main .actions a.button").click()
    assert "/supervision/" in page.url, "after the second step the supervisor is at work"

    # Later, without the phone: password, then a recovery code, which works once.
    page.context.clear_cookies()
    _password_step(page)
    page.wait_for_url(re.compile(r"/auth/two-factor$"))
    assert_accessible(page)
    page.fill("#code", recovery)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/supervision/" in page.url
    assert page.locator(".flash-warning").is_visible(), "the warning says a code was used"
