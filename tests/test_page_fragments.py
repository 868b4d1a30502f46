"""What every page repeats is built once per process (issue 21): the top bar's addresses and
the keyboard-shortcut dialog. The pages must stay the same for each reader: their language,
what they may do, the files' current fingerprints."""

import re

import pytest
from flask import Flask, render_template_string, url_for
from flask_babel import Babel
from jinja2 import DictLoader

from desk.common.fragments import init_fragments
from desk.common.page_urls import init_page_urls
from desk.common.static_files import init_static_files


def _dialog(html: str) -> str:
    return re.search(r'<dialog id="shortcuts".*?</dialog>', html, re.S).group(0)


def test_the_shortcut_dialog_is_in_each_readers_language_and_offers_what_they_may_do(
        client, auth, make):
    make.user(email="desk@example.test", roles=("desk",), locale="it")
    make.user(email="legal@example.test", roles=("team",), teams=("legal",), locale="ar")
    auth.login("desk@example.test")
    desk_it = _dialog(client.get("/auth/me").get_data(as_text=True))
    assert "Scorciatoie da tastiera" in desk_it
    assert 'data-search-url="/people/search"' in desk_it
    assert 'data-new-url="/people/new"' in desk_it
    client.post("/auth/locale", data={"locale": "ar", "next": "/auth/me"})
    desk_ar = _dialog(client.get("/auth/me").get_data(as_text=True))
    assert "Scorciatoie" not in desk_ar and "Keyboard shortcuts" not in desk_ar
    assert 'data-new-url="/people/new"' in desk_ar
    auth.logout()
    auth.login("legal@example.test")
    legal = _dialog(client.get("/auth/me").get_data(as_text=True))
    assert 'data-new-url=""' in legal  # a legal worker does not register people
    assert legal.split("<h2", 1)[1] == desk_ar.split("<h2", 1)[1]  # same language, same text


def _site(tmp_path, debug: bool) -> Flask:
    app = Flask(__name__, static_folder=str(tmp_path / "static"))
    app.debug = debug
    app.add_url_rule("/people/<int:person_id>", "person", lambda person_id: "")
    app.add_url_rule("/home", "home", lambda: "")
    init_static_files(app)
    init_page_urls(app)
    (tmp_path / "static").mkdir(exist_ok=True)
    (tmp_path / "static" / "app.css").write_text("body { color: red }")
    return app


PAGE = ("{{ url_for('home') }} {{ url_for('person', person_id=7) }} "
        "{{ url_for('person', person_id=8, tab='x') }} {{ url_for('home', _anchor='top') }} "
        "{{ url_for('static', filename='app.css') }}")


def test_remembered_addresses_are_those_flask_builds(tmp_path):
    app = _site(tmp_path, debug=False)
    with app.test_request_context("/", base_url="http://desk.example/sportello"):
        expected = " ".join([url_for("home"), url_for("person", person_id=7),
                             url_for("person", person_id=8, tab="x"),
                             url_for("home", _anchor="top"),
                             url_for("static", filename="app.css")])
        first = render_template_string(PAGE)
        again = render_template_string(PAGE)
    assert first == again == expected
    assert expected.startswith("/sportello/home /sportello/people/7 /sportello/people/8?tab=x")
    with app.test_request_context("/", base_url="http://desk.example/other"):
        assert render_template_string("{{ url_for('home') }}") == "/other/home"


def test_in_debug_a_changed_static_file_gets_its_new_address_at_once(tmp_path):
    app = _site(tmp_path, debug=True)
    with app.test_request_context("/"):
        before = render_template_string("{{ url_for('static', filename='app.css') }}")
        (tmp_path / "static" / "app.css").write_text("body { color: blue }")
        after = render_template_string("{{ url_for('static', filename='app.css') }}")
    assert before != after and "?v=" in after


@pytest.mark.parametrize(("debug", "renders_of_the_same"), [(False, 1), (True, 2)])
def test_a_fragment_is_rendered_again_in_debug_and_kept_otherwise(debug, renders_of_the_same):
    app = Flask(__name__)
    app.debug = debug
    renders = []
    app.jinja_env.globals["count"] = lambda: renders.append(1) or ""
    Babel(app)
    init_fragments(app)
    app.jinja_env.loader = DictLoader({"part.html": "{{ count() }}[{{ x }}]"})
    with app.test_request_context("/"):
        assert render_template_string("{{ fragment('part.html', x=1) }}") == "[1]"
        assert render_template_string("{{ fragment('part.html', x=1) }}") == "[1]"
        assert render_template_string("{{ fragment('part.html', x=2) }}") == "[2]"
    assert len(renders) == renders_of_the_same + 1
