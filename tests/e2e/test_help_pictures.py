"""The guide at 320 px, in Italian and Arabic: its screenshots load from the app itself and
shrink to the window (WCAG 1.4.10 reflow), nothing scrolls sideways."""

import pytest

from .checks import horizontal_overflow
from .conftest import sign_in
from .pages import OPERATOR

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("locale", ["it", "ar"])
def test_the_guide_and_its_pictures_fit_320_px(new_page, live_server, locale):
    page = new_page(locale=locale, width=320, height=640)
    sign_in(page, OPERATOR, locale=locale)
    page.goto("/help")
    pictures = page.locator(".help-shot img")
    assert pictures.count() >= 5
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        picture.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=picture.element_handle())
        box = picture.bounding_box()
        assert box["width"] <= 320 and box["x"] >= 0
    assert not horizontal_overflow(page)
