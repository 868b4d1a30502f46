"""The shortcuts' edges: Ctrl+Enter with the focus outside any form sends nothing (the first
form of the queue is a referral's "Accept"), and "/" typed with Shift, as on an Italian
keyboard (Shift+7), still goes to the search box."""

import re

import pytest

from .pages import LEGAL, OPERATOR
from .server import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def _sign_in(page, email):
    page.goto("/auth/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_ctrl_enter_outside_a_form_sends_nothing(new_page, live_server):
    page = new_page(locale="it", width=1280)
    _sign_in(page, LEGAL)
    page.goto("/teams/")
    assert page.locator("main form[method=post]").count() > 0, page.url
    page.evaluate("""() => { window.sent = 0;
        document.addEventListener('submit', () => { window.sent += 1; }, true);
        document.activeElement.blur(); }""")
    url = page.url
    page.keyboard.press("Control+Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("window.sent") == 0 and page.url == url


def test_slash_with_shift_goes_to_the_search_box(new_page, live_server):
    page = new_page(locale="it", width=1280)
    _sign_in(page, OPERATOR)
    page.goto("/people/desk")
    page.evaluate("document.activeElement.blur()")
    page.evaluate("""() => document.body.dispatchEvent(new KeyboardEvent('keydown',
        {key: '/', code: 'Digit7', shiftKey: true, bubbles: true, cancelable: true}))""")
    assert page.evaluate("document.activeElement.id") == "q"
    assert re.search(r"/people/desk", page.url)


def test_ctrl_enter_in_the_language_filter_saves_the_form(new_page, live_server):
    page = new_page(locale="it", width=1280)
    _sign_in(page, OPERATOR)
    page.goto("/people/new")
    page.focus("fieldset[data-filterable] .choice-filter")
    page.keyboard.type("arab")
    with page.expect_navigation(timeout=5000):  # the form is sent (and comes back with errors)
        page.keyboard.press("Control+Enter")
    assert page.locator(".error, .error-summary, [aria-invalid=true]").count() > 0
