"""A desk operator registers a person who speaks three languages without the mouse: Tab,
typing, Space, Enter and the desk's shortcuts ("?" lists them, "n" opens the registration,
Ctrl+Enter saves). Single keys typed into a field stay in the field."""

import re

import pytest
from sqlalchemy import select

from desk.extensions import db
from desk.models.people import Person

from .pages import OPERATOR
from .server import DEMO_PASSWORD, switch_locale

pytestmark = pytest.mark.e2e


def _tab_to(page, selector: str, limit: int = 80, back: bool = False) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab on {page.url}")


def _tick_language(page, typed: str, code: str) -> None:
    """Type into the list's filter box, Enter to the first match, Space to tick it."""
    _tab_to(page, "fieldset[data-filterable] .choice-filter", back=True)
    page.keyboard.press("Control+a")
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.value") == code
    page.keyboard.press("Space")
    assert page.is_checked(f"input[name=languages][value={code}]")


def test_register_a_person_speaking_three_languages_with_the_keyboard_alone(new_page,
                                                                           live_server):
    page = new_page(locale="it", width=1280)
    page.goto("/auth/login")
    _tab_to(page, "#email")
    page.keyboard.type(OPERATOR)
    _tab_to(page, "#password")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The account's saved language wins over the browser's, and another browser test may have
    # changed it on the shared demo server: choose Italian (setup, not part of the story).
    switch_locale(page, "it")
    page.goto("/people/desk")

    # The search box has the focus: "n" is a letter of a name there, not a shortcut.
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("n")
    assert page.input_value("#q") == "n" and "/people/desk" in page.url
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")  # out of the field, onto the search button

    # "?" lists the shortcuts in the page's language; Escape closes the list.
    page.keyboard.press("?")
    dialog = page.locator("dialog#shortcuts")
    assert dialog.is_visible() and dialog.locator("kbd", has_text="Enter").count() == 1
    page.keyboard.press("Escape")
    assert not dialog.is_visible()

    with page.expect_navigation(url=re.compile(r"/people/new")):
        page.keyboard.press("n")
    _tab_to(page, "#given_name")
    page.keyboard.type("Samira")
    _tab_to(page, "#family_name")
    page.keyboard.type("Tretastiere")
    _tab_to(page, "#birth")
    page.keyboard.type("1991")
    _tab_to(page, "input[name=languages]")  # past the filter box, into the list
    _tick_language(page, "arab", "ar")
    _tick_language(page, "franc", "fr")
    _tick_language(page, "ital", "it")
    _tab_to(page, "#privacy_notice_given")
    page.keyboard.press("Space")
    _tab_to(page, "#share_consent")
    page.keyboard.press("Space")
    with page.expect_navigation(url=re.compile(r"/people/\d+/intake")):
        page.keyboard.press("Control+Enter")

    with live_server.app.app_context():
        person = db.session.scalars(select(Person).where(Person.family_name == "Tretastiere")).one()
        assert sorted(person.languages) == ["ar", "fr", "it"]
