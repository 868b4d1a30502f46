"""The double-submit guard holds back only the same request sent twice, and says so; two
different downloads in a row both arrive."""

import pytest

from .conftest import sign_in
from .pages import SUPERVISOR, path_for, require_screen

pytestmark = pytest.mark.e2e


def test_two_different_downloads_in_a_row_both_arrive(new_page, live_server):
    require_screen(live_server, "supervision.dashboard")
    page = new_page(locale="it")
    sign_in(page, SUPERVISOR, locale="it")
    page.goto(path_for(live_server, "supervision.dashboard"))
    exports = page.locator("form.sv-exports").first
    names = []
    for fmt in ("xlsx", "zip"):  # "all tables": a workbook, or a zip of one CSV per table
        with page.expect_download() as info:
            exports.locator(f"[formaction*='fmt={fmt}'], [formaction*='.{fmt}']").first.click()
        names.append(info.value.suggested_filename)
    assert names[0].endswith(".xlsx") and names[1].endswith(".zip"), names


def test_the_same_form_sent_twice_at_once_is_held_back_with_a_message(new_page, live_server):
    page = new_page(locale="it")
    sign_in(page, SUPERVISOR, locale="it")
    page.goto(path_for(live_server, "supervision.dashboard"))
    # A POST form whose answer is held up, submitted twice before it comes back.
    page.route("**/auth/locale", lambda route: None)  # the request never answers
    message = page.locator("body").get_attribute("data-msg-resubmit")
    assert message
    said = page.locator("form.locale-switch").evaluate("""f => {
        f.requestSubmit(); f.requestSubmit();
        const note = f.querySelector('.resubmit-note');
        return note ? note.textContent : null; }""")
    assert said == message


def test_the_browser_finds_the_favicon(new_page, live_server):
    page = new_page()
    response = page.request.get(live_server.url + "/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/")
