"""At the counter on a tablet (768 px) and on a desktop (1366 px): nothing sticks out sideways."""

import pytest

from .checks import horizontal_overflow
from .conftest import sign_in
from .pages import MAIN_SCREENS, screen_path

pytestmark = pytest.mark.e2e

WIDTHS = (768, 1366)


@pytest.mark.parametrize("locale", ["it", "ar"])
def test_main_screens_fit_a_tablet_and_a_desktop(new_page, live_server, locale, tmp_path):
    page = new_page(locale=locale)
    too_wide = {}
    signed_in_as = None
    for screen in MAIN_SCREENS:
        if screen.user and screen.user != signed_in_as:
            page.context.clear_cookies()
            sign_in(page, screen.user, locale=locale)
            signed_in_as = screen.user
        page.goto(screen_path(live_server, screen))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 1000})
            page.screenshot(path=tmp_path / f"{screen}-{locale}-{width}.png")
            overflow = horizontal_overflow(page)
            if overflow:
                too_wide[f"{screen.name} at {width} px"] = overflow
    assert not too_wide, f"pages wider than the window (excess in px): {too_wide}"
