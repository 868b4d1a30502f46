"""The bell: a new referral to the legal team shows in the legal worker's bell at the next
page; the list shows it unread first; opening it leads to the queue and the count goes down;
mark all read empties the count. The bell keeps the top bar on one line (test_top_bar.py)."""

import re

import pytest
from sqlalchemy import select

from .conftest import sign_in
from .pages import LEGAL

pytestmark = pytest.mark.e2e


def _new_legal_referral(app) -> str:
    """The desk routes a Torino case to the legal team (as the intake does); its number."""
    from desk.counter.intake_services import Route, route_case
    from desk.extensions import db
    from desk.models.cases import Case, Referral
    from desk.models.sites import Site, Team
    from desk.models.users import User

    with app.app_context():
        legal = db.session.scalar(select(Team).join(Site).where(Site.code == "TO",
                                                                Team.kind == "legal"))
        case = db.session.scalar(
            select(Case).where(Case.site_id == legal.site_id, Case.status != "closed",
                               ~select(Referral.id).where(Referral.case_id == Case.id,
                                                          Referral.team_id == legal.id).exists())
            .order_by(Case.id).limit(1))
        operator = db.session.scalar(select(User).where(User.email == "operatore@demo.test"))
        route_case(operator, case, [Route("legal", "documents")], ["documents"])
        db.session.commit()
        return case.reference


def _count(page) -> int:
    badge = page.locator(".topbar .bell-count")
    return int(badge.inner_text()) if badge.count() else 0


def test_the_bell_counts_a_new_referral_and_the_list_leads_to_the_queue(new_page, live_server):
    page = new_page(width=1280)
    sign_in(page, LEGAL, locale="it")
    page.goto(f"{live_server.url}/notifications/")
    if _count(page):
        page.get_by_role("button", name="Segna tutte come lette").click()
    assert _count(page) == 0

    reference = _new_legal_referral(live_server.app)
    page.reload()
    assert _count(page) == 1
    page.locator(".topbar a.bell").click()
    assert page.url.endswith("/notifications/")
    first = page.locator(".notification").first
    assert "notification-unread" in first.get_attribute("class")
    assert reference in first.inner_text()

    first.get_by_role("button", name=re.compile(reference)).click()
    assert "/teams/legal/queue" in page.url
    assert _count(page) == 0
    one_line = page.evaluate("""() => {
        const boxes = [...document.querySelectorAll('.topbar > *')].map(e => e.getBoundingClientRect());
        return Math.max(...boxes.map(b => b.top)) < Math.min(...boxes.map(b => b.bottom)); }""")
    assert one_line


def test_mark_all_read_in_the_browser(new_page, live_server):
    _new_legal_referral(live_server.app)
    page = new_page(width=1280)
    sign_in(page, LEGAL, locale="it")
    page.goto(f"{live_server.url}/notifications/")
    assert _count(page) >= 1
    page.get_by_role("button", name="Segna tutte come lette").click()
    assert _count(page) == 0
    assert page.locator(".notification-unread").count() == 0
