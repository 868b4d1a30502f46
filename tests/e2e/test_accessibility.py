"""Accessibility of the main pages in Italian and Arabic: axe-core finds nothing serious or
critical, every form field has a label, and keyboard focus is always visible."""

import pytest

from .checks import assert_accessible, focus_without_indicator
from .conftest import sign_in
from .pages import MAIN_SCREENS, screen_path

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("locale", ["it", "ar"])
@pytest.mark.parametrize("screen", MAIN_SCREENS, ids=str)
def test_main_screen_is_accessible(new_page, live_server, screen, locale):
    path = screen_path(live_server, screen)
    page = new_page(locale=locale)
    if screen.user:
        sign_in(page, screen.user, locale=locale)
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == locale
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    assert_accessible(page)
    assert not focus_without_indicator(page, presses=12), "focus must always be visible"
