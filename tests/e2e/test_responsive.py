"""At the counter on a tablet (768 px) and on a desktop (1366 px): nothing sticks out sideways."""

import pytest

from .checks import horizontal_overflow
from .conftest import sign_in
from .pages import MAIN_SCREENS, path_for

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [768, 1366])
@pytest.mark.parametrize("locale", ["it", "ar"])
def test_main_screens_fit_the_window(new_page, live_server, width, locale, tmp_path):
    page = new_page(locale=locale, width=width)
    too_wide = {}
    signed_in_as = None
    for screen in MAIN_SCREENS:
        if screen.endpoint not in live_server.app.view_functions:
            continue
        if screen.user and screen.user != signed_in_as:
            page.context.clear_cookies()
            sign_in(page, screen.user, locale=locale)
            signed_in_as = screen.user
        page.goto(path_for(live_server, screen.endpoint))
        page.screenshot(path=tmp_path / f"{screen}-{locale}-{width}.png")
        overflow = horizontal_overflow(page)
        if overflow:
            too_wide[screen.name] = overflow
    assert not too_wide, f"pages wider than {width} px (excess in px): {too_wide}"
