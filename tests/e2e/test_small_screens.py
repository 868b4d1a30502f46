"""WCAG 1.4.10 reflow: every main screen, in Italian and Arabic, fits a 320 px phone
without scrolling sideways (the document is no wider than the window)."""

import pytest

from .checks import horizontal_overflow
from .conftest import sign_in
from .pages import MAIN_SCREENS, screen_path

pytestmark = pytest.mark.e2e

_WIDEST_JS = """
() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                || el.getBoundingClientRect().left < -1)
  .filter(el => !el.closest('.table-wrap, .visually-hidden, .skip-link'))
  .slice(0, 5).map(el => el.outerHTML.slice(0, 120))
"""


@pytest.mark.parametrize("locale", ["it", "ar"])
def test_every_main_screen_fits_320_px_without_sideways_scrolling(new_page, live_server, locale):
    page = new_page(locale=locale, width=320, height=640)
    signed_in_as = None
    too_wide = {}
    for screen in MAIN_SCREENS:
        path = screen_path(live_server, screen)
        if screen.user != signed_in_as:
            page.context.clear_cookies()
            if screen.user:
                sign_in(page, screen.user, locale=locale)
            signed_in_as = screen.user
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == locale
        if overflow := horizontal_overflow(page):
            too_wide[screen.name] = (overflow, page.evaluate(_WIDEST_JS))
    assert not too_wide, f"wider than a 320 px window (screen: excess px, culprits): {too_wide}"
