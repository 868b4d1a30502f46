"""The real app on 127.0.0.1 with demo data, for the browser tests and the screenshot script.

A fresh SQLite file in a temporary folder, migrated with Alembic (as `flask db upgrade`) and
loaded with the demo seed (as `flask desk seed-demo`), served by werkzeug in a thread.
"""

import logging
import os
import threading
from pathlib import Path

from werkzeug.serving import make_server

from desk import create_app

# Debian's package (scripts/ensure_chromium.sh); SPORTELLO_CHROMIUM may name another build.
CHROMIUM = Path(os.environ.get("SPORTELLO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
DEMO_PASSWORD = "sportello-demo"

# Settings of the served app. CSRF stays on (the browser sends real forms). The second sign-in
# step for supervisors is off here (the flows test the screens behind it);
# test_two_step_sign_in.py switches it on and goes through it.
SERVER_CONFIG = {
    "CONFIG": "development",
    "SECRET_KEY": "e2e-only-secret",
    "PASSWORD_HASH_FAST": True,
    "TOTP_REQUIRED_ROLES": (),
    "TOTP_REQUIRED_TEAM_KINDS": (),
    "WTF_CSRF_ENABLED": True,
}


def build_app(folder: Path):
    """An app on a new SQLite file in `folder`, migrated to the newest revision."""
    import flask_migrate

    database = folder / "e2e.sqlite"
    app = create_app({**SERVER_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        flask_migrate.upgrade(revision="heads")  # a fork in the history is test_schema's to report
    return app


def seed(app, people: int = 60, now=None) -> None:
    """Load the demo sites, teams, accounts and people (as `flask desk seed-demo`), their
    stories ending at `now` (default: the app's clock, which the tests set)."""
    from desk.common.clock import utcnow
    from desk.extensions import db
    from desk.sampledata.demo import seed_demo

    with app.app_context():
        seed_demo(people=people, now=now or utcnow())
        db.session.commit()
        db.session.remove()


class _ClosingBody:
    """A response body closed even when the browser drops the connection mid-response.

    werkzeug's server calls the body's `close()` only after draining the socket, and a reset
    there skips it: the open static file is then collected later and its ResourceWarning fails
    whichever test is running. Closing it again on collection makes that leak impossible."""

    def __init__(self, body):
        self._body = body
        self._closed = False

    def __iter__(self):
        return iter(self._body)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            if hasattr(self._body, "close"):
                self._body.close()

    __del__ = close


def _closing_bodies(app):
    def serve(environ, start_response):
        return _ClosingBody(app(environ, start_response))

    return serve


class LiveServer:
    """`with LiveServer(app) as server:` serves on an ephemeral port until the block ends."""

    def __init__(self, app, host: str = "127.0.0.1"):
        self.app = app
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        self._server = make_server(host, 0, _closing_bodies(app), threaded=True)
        self.url = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "LiveServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        with self.app.app_context():
            from desk.extensions import db

            db.engine.dispose()

    def __enter__(self) -> "LiveServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def sign_in(page, email: str, locale: str | None = None, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form; with `locale`, then choose that UI language in the switcher
    (a signed-in user's saved language wins over the browser's, so callers say which)."""
    page.goto("/auth/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/auth/login" in page.url:
        raise AssertionError(f"{email} could not sign in")
    if locale:
        switch_locale(page, locale)


def switch_locale(page, locale: str) -> None:
    if page.locator("html").get_attribute("lang") == locale:
        return
    with page.expect_navigation():
        page.select_option("#locale-select", locale)
    if page.locator("html").get_attribute("lang") != locale:
        raise AssertionError(f"the language switcher did not change the page to {locale}")

