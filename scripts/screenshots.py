#!/usr/bin/env python3
"""Screenshots of the main screens, taken from the real app with the demo data.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png

The app runs on 127.0.0.1 (ephemeral port) on a fresh SQLite file, migrated and seeded as
`flask db upgrade && flask desk seed-demo` would; Debian's Chromium takes the pictures
(scripts/ensure_chromium.sh installs it). Nothing is downloaded.
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.pages import ADMIN, LEGAL, MEDIATOR_AR, OPERATOR, SUPERVISOR, demo_case, demo_person  # noqa: E402
from tests.e2e.server import LiveServer, build_app, launch_chromium, seed, sign_in  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def desk_home(page, url_for):
    sign_in(page, OPERATOR, "it")
    page.goto(url_for("counter.desk_home"))


def search(page, url_for):
    sign_in(page, OPERATOR, "it")
    page.goto(url_for("counter.search", q="محمد"))


def intake(page, url_for):
    sign_in(page, OPERATOR, "it")
    page.goto(url_for("counter.intake", **demo_person()))
    for need in ("documents", "language_barrier"):
        page.check(f"input[name=needs][value={need}]")
    page.locator("input[name=needs][value=documents]").scroll_into_view_if_needed()


def case_ar(page, url_for):
    sign_in(page, MEDIATOR_AR, "ar")
    page.goto(url_for("cases.case_detail", **demo_case()))


def team_queue(page, url_for):
    sign_in(page, LEGAL, "it")
    page.goto(url_for("teamwork.my_queue"))


def dashboard(page, url_for):
    sign_in(page, SUPERVISOR, "it")
    page.goto(url_for("supervision.dashboard"))


def admin_users(page, url_for):
    sign_in(page, ADMIN, "it")
    page.goto(url_for("admin.users"))


# Screens shown taller than the window (the case page's shared history is below the fold).
TALL = {"case-arabic": 2300, "intake": 1500}

SHOTS = {
    "desk-home": desk_home,
    "search-arabic-name": search,
    "intake": intake,
    "case-arabic": case_ar,
    "team-queue": team_queue,
    "supervision-dashboard": dashboard,
    "admin-users": admin_users,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--people", type=int, default=200, help="demo people to seed")
    parser.add_argument("--only", nargs="*", choices=sorted(SHOTS), help="some screens only")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="sportello-shots-") as folder:
        app = build_app(Path(folder))
        seed(app, people=args.people)
        with LiveServer(app) as server, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name in args.only or SHOTS:
                context = browser.new_context(
                    base_url=server.url, locale="it", timezone_id="Europe/Rome",
                    viewport={"width": args.width, "height": args.height})
                page = context.new_page()
                with app.test_request_context():
                    from flask import url_for

                    SHOTS[name](page, url_for)
                if re.search(r"/auth/login", page.url):
                    raise SystemExit(f"{name}: not signed in")
                page.evaluate("document.activeElement && document.activeElement.blur()")
                path = args.out / f"{name}.png"
                if name in TALL:
                    page.set_viewport_size({"width": args.width, "height": TALL[name]})
                page.screenshot(path=path)
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
