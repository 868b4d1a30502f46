"""Setting up a new territory in Chromium: the administrator creates Alessandria (AL), its
desk with the address printed for people, and an employment team named in two languages."""

import pytest
from sqlalchemy import select

from .conftest import sign_in

pytestmark = pytest.mark.e2e

ADMIN = "admin@demo.test"


def test_admin_sets_up_alessandria_from_the_browser(live_server, new_page):
    page = new_page(locale="en")
    sign_in(page, ADMIN, locale="en")
    page.goto("/admin/territories")
    with page.expect_navigation():
        page.locator("a[href$='/admin/territories/new']").click()
    page.fill("#code", "AL")
    page.fill("#name", "Alessandria")
    page.fill("#region", "Piemonte")
    with page.expect_navigation():
        page.locator("main form button[type=submit], main form input[type=submit]").click()
    assert "/admin/sites/new" in page.url
    assert page.locator("#province").input_value() == "AL"
    page.fill("#code", "AL")
    page.fill("#name", "Alessandria — Sportello Unico")
    page.fill("#address", "Via Milano 2, 15121 Alessandria")
    page.fill("#phone", "0131 515111")
    with page.expect_navigation():
        page.locator("main form input[type=submit]").click()
    assert "/admin/sites/" in page.url
    with page.expect_navigation():
        page.locator("a[href$='/teams/new']").click()
    page.fill("#kind", "employment")
    page.fill("#label_it", "Lavoro")
    page.fill("#label_en", "Employment")
    with page.expect_navigation():
        page.locator("main form input[type=submit]").click()
    assert page.locator("h1").inner_text().startswith("Employment")

    from desk.extensions import db
    from desk.models.sites import Site

    with live_server.app.app_context():
        site = db.session.scalar(select(Site).where(Site.code == "AL"))
        assert site.address == "Via Milano 2, 15121 Alessandria"
        assert sorted(t.kind for t in site.teams) == [
            "employment", "health", "legal", "mediation", "social"]
