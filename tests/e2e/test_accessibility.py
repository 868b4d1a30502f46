"""Every main screen in Italian and Arabic: axe-core (with the WCAG 2.2 touch-target rule)
finds nothing serious or critical, every form field has a label, status badges have words,
keyboard focus is always visible, and the page fits a tablet at the counter (768 px) and a
desktop (1366 px) without scrolling sideways, language switcher in sight."""

import pytest

from .checks import assert_accessible, focus_without_indicator, horizontal_overflow
from .conftest import sign_in
from .pages import MAIN_SCREENS, screen_path

pytestmark = pytest.mark.e2e

WIDTHS = (768, 1366)


@pytest.mark.parametrize("locale", ["it", "ar"])
@pytest.mark.parametrize("screen", MAIN_SCREENS, ids=str)
def test_main_screen_is_accessible_and_fits_tablet_and_desktop(
        new_page, live_server, screen, locale, tmp_path):
    path = screen_path(live_server, screen)
    page = new_page(locale=locale)
    if screen.user:
        sign_in(page, screen.user, locale=locale)
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == locale
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    assert_accessible(page)
    assert not focus_without_indicator(page, presses=12), "focus must always be visible"

    too_wide = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        page.screenshot(path=tmp_path / f"{screen}-{locale}-{width}.png")
        if overflow := horizontal_overflow(page):
            too_wide[width] = overflow
        assert page.locator("#locale-select").is_visible(), "the language switcher is in sight"
    assert not too_wide, f"wider than the window (width: excess px): {too_wide}"
