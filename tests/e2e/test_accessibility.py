"""Accessibility of the main pages in Italian and Arabic: axe-core, labels, visible focus."""

import pytest

from .checks import assert_accessible, focus_without_indicator

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("locale", ["it", "ar"])
def test_sign_in_page_is_accessible_and_mirrored_in_arabic(new_page, locale):
    page = new_page(locale=locale)
    page.goto("/auth/login")
    assert page.locator("html").get_attribute("lang") == locale
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    assert_accessible(page)
    assert not focus_without_indicator(page, presses=8)
