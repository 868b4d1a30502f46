"""The top bar stays on one line at 1280 px for the roles with the longest menus, in the
languages whose words are longest."""

import pytest

from .conftest import sign_in
from .pages import LEGAL, SUPERVISOR
from .server import switch_locale

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("email", [SUPERVISOR, LEGAL])
def test_the_top_bar_fits_one_line_at_1280_px(new_page, live_server, email):
    page = new_page(width=1280)
    sign_in(page, email, locale="it")
    for locale in ("it", "fr", "es", "uk", "sq", "bn", "ar"):
        switch_locale(page, locale)
        one_line = page.evaluate("""() => {
            const boxes = [...document.querySelectorAll('.topbar > *')]
                .map(e => e.getBoundingClientRect());
            return Math.max(...boxes.map(b => b.top)) < Math.min(...boxes.map(b => b.bottom)); }""")
        assert one_line, f"the top bar wraps for {email} in {locale}"
