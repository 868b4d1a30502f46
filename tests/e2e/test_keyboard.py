"""The whole intake at the counter with the keyboard alone: Tab to move, Space to tick,
Enter to follow a link or send a form, and typing into text fields. Focus stays visible."""

import re

import pytest

from .checks import FOCUS_STYLE_JS
from .pages import OPERATOR, path_for, require_screen
from .server import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


class Keyboard:
    """Moves through a page with Tab only, remembering focused elements without a visible
    focus indicator."""

    def __init__(self, page):
        self.page = page
        self.unseen_focus = []

    def tab_to(self, selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            state = self.page.evaluate(FOCUS_STYLE_JS)
            if state and not state["visible"]:
                self.unseen_focus.append(state["tag"])
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} cannot be reached with Tab on {self.page.url}")

    def type_into(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.type(text)

    def tick(self, selector: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.press("Space")
        assert self.page.is_checked(selector), f"Space ticks {selector}"

    def activate(self, selector: str, url: re.Pattern) -> None:
        """Tab to a link or button and press Enter; the page it leads to is `url`."""
        self.tab_to(selector)
        with self.page.expect_navigation(url=url):
            self.page.keyboard.press("Enter")


def test_sign_in_search_register_intake_and_slip_with_the_keyboard_alone(new_page, live_server):
    require_screen(live_server, "counter.desk_home", "counter.register", "counter.intake",
                   "counter.slip")
    page = new_page(locale="it", width=768)
    keys = Keyboard(page)

    page.goto("/auth/login")
    # The first Tab offers to skip the menus; Enter lands in the page's content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.skip-link')")
    assert page.locator(".skip-link").is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    keys.type_into("#email", OPERATOR)
    keys.type_into("#password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(path_for(live_server, "counter.desk_home"))
    page.evaluate("document.activeElement && document.activeElement.blur()")

    # Search for someone who is not registered yet, then register her.
    keys.type_into("#q", "Amina Tastiera")
    with page.expect_navigation(url=re.compile(r"/people/search")):
        page.keyboard.press("Enter")
    keys.activate("main a[href*='/people/new']", re.compile(r"/people/new"))
    assert page.input_value("#given_name") == "Amina", "the searched name is carried over"
    assert page.input_value("#family_name") == "Tastiera"
    keys.type_into("#birth", "1988")
    keys.tick("#interpreter_needed")
    keys.tick("#privacy_notice_given")
    keys.tick("#share_consent")
    keys.activate("form.panel button[type=submit]", re.compile(r"/people/\d+/intake"))

    # The access: two needs ticked with Space; the teams follow; Enter on Save.
    keys.tick("input[name=needs][value=housing]")
    keys.tick("input[name=needs][value=language_barrier]")
    assert page.is_checked("input[name=teams][value=social]")
    assert page.is_checked("input[name=teams][value=mediation]")
    keys.type_into("#description", "Sfratto annunciato per fine mese.")
    keys.activate("form[data-intake] .actions button[type=submit]",
                  re.compile(r"/people/access/\d+/slip"))
    # No language of hers has a print catalogue: the slip comes in Italian, then English.
    slips = page.locator("article.slip")
    assert slips.first.is_visible() and slips.first.get_attribute("lang") == "it"
    assert not keys.unseen_focus, f"focus not visible on: {keys.unseen_focus}"
