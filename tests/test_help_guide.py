"""The in-app guide: a short part per role in the reader's language, a "?" on every page to
its part, the keyboard shortcuts listed (in the page, not in a script) and served locally."""

import re
from pathlib import Path

import pytest

from desk.main.guide import SECTIONS, help_section


@pytest.fixture
def operator(make, auth):
    user = make.user(email="op@example.test", roles=("desk",), locale="en")
    auth.login("op@example.test")
    return user


def _help_href(html: str) -> str:
    return re.search(r'<a class="help-link no-print" href="([^"]+)"', html).group(1)


def test_the_guide_has_a_part_per_role_and_the_shortcuts(operator, client):
    html = client.get("/help").get_data(as_text=True)
    for section in SECTIONS:
        assert f'id="{section}"' in html
    assert "<kbd>Ctrl</kbd> + <kbd>Enter</kbd>" in html
    assert "Register a new person" in html


@pytest.mark.parametrize("role,teams,page,section", [
    ("desk", (), "/people/desk", "desk"),
    ("desk", (), "/people/search?q=x", "desk"),
    ("team", ("legal",), "/teams/", "team"),
    ("team", ("mediation",), "/teams/", "mediator"),
    ("supervisor", (), "/supervision/", "supervisor"),
    ("admin", (), "/admin/users", "admin"),
])
def test_the_question_mark_opens_the_part_of_the_page_in_use(make, auth, client, role, teams,
                                                              page, section):
    make.user(email="u@example.test", roles=(role,), teams=teams, locale="en",
              sites=() if role == "admin" else ("TO",))
    auth.login("u@example.test")
    response = client.get(page, follow_redirects=True)
    assert response.status_code == 200
    assert _help_href(response.get_data(as_text=True)) == f"/help#{section}"


def test_a_page_of_no_area_points_to_the_readers_role():
    class Reader:
        roles = {"supervisor"}
        teams = ()
    assert help_section("notifications.inbox_page", Reader()) == "supervisor"
    assert help_section("cases.translate_note", Reader()) == "mediator"


def test_the_shortcuts_dialog_is_in_the_page_with_the_readers_links(operator, client):
    html = client.get("/people/desk").get_data(as_text=True)
    dialog = html.split('<dialog id="shortcuts"')[1].split("</dialog>")[0]
    assert 'data-search-url="/people/search"' in dialog
    assert 'data-new-url="/people/new"' in dialog
    assert "Keyboard shortcuts" in dialog and "<kbd>/</kbd>" in dialog
    assert re.search(r'<script src="/static/js/app\.js\?v=\w+"', html), "served from desk/static"


def test_a_team_member_has_no_new_person_shortcut(make, auth, client):
    make.user(email="t@example.test", roles=("team",), teams=("legal",), locale="en")
    auth.login("t@example.test")
    html = client.get("/teams/", follow_redirects=True).get_data(as_text=True)
    assert 'data-new-url=""' in html


def test_the_script_keeps_its_hands_off_fields_and_modifier_keys(app):
    text = (Path(app.static_folder) / "js" / "app.js").read_text(encoding="utf-8")
    assert "typingIn(event.target)" in text
    assert "event.ctrlKey || event.metaKey || event.altKey" in text
    assert "localStorage" in text  # single keys can be turned off (WCAG 2.1.4)


def test_signed_out_pages_have_no_shortcuts_dialog(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert 'id="shortcuts"' not in html


def test_the_guide_renders_in_every_locale(operator, client):
    from desk.common.i18n import LOCALES

    for locale in LOCALES:
        client.post("/auth/locale", data={"locale": locale, "next": "/help"})
        response = client.get("/help")
        assert response.status_code == 200
        assert f'lang="{locale}"' in response.get_data(as_text=True)


def test_permit_field_links_the_glossary_and_needs_link_the_directory(make, auth, client):
    user = make.user(email="op@example.test", roles=("desk",), locale="en")
    auth.login("op@example.test")
    register = client.get("/people/new").get_data(as_text=True)
    assert 'href="/glossary/"' in register.split('id="doc_type"')[1]
    person = make.person(site=user.sites[0])
    intake = client.get(f"/people/{person.id}/intake").get_data(as_text=True)
    assert re.search(r'href="/network/services"[^>]*data-need-link', intake)
