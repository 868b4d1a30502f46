"""Referring a case to an outside service, in Chromium against the demo desk: the operator
finds, for a case, the Third-Sector housing services of Torino that speak Arabic and open on
Thursday, refers the case to one with the person's consent, prints the Italian letter and
the Arabic sheet; the shelter's partner account acknowledges it, records the outcome and
replies; the operator sees both on the case's timeline."""

import pytest
from sqlalchemy import select

from .conftest import sign_in
from .pages import OPERATOR

pytestmark = pytest.mark.e2e

PARTNER = "partner@demo.test"
SHELTER = "Casa Sant'Anselmo — Accoglienza"
REPLY = "Accolto stasera, posto letto per due settimane."


def _arabic_case(app) -> int:
    from desk.extensions import db
    from desk.models.cases import Case
    from desk.models.people import Person
    from desk.models.sites import Site

    with app.app_context():
        return db.session.scalar(
            select(Case.id).join(Person, Person.id == Case.person_id)
            .join(Site, Site.id == Case.site_id)
            .where(Site.code == "TO", Case.status != "closed", Person.preferred_language == "ar")
            .order_by(Case.id).limit(1))


def test_refer_a_case_to_an_arabic_speaking_shelter_and_the_partner_answers(live_server,
                                                                            new_page):
    case_id = _arabic_case(live_server.app)
    assert case_id, "the demo has an open Torino case of an Arabic speaker"
    page = new_page()
    sign_in(page, OPERATOR, locale="it")
    page.goto(f"/cases/{case_id}")
    page.locator("nav.actions a[href$='/services']").click()
    page.wait_for_url(f"**/cases/{case_id}/services")

    filters = page.locator("form.filters")
    for box in filters.locator("input[name=need]:checked").all():
        box.uncheck()
    filters.locator("input[name=need][value=housing]").check()
    filters.locator("#f-language").select_option("ar")
    filters.locator("#f-day").select_option("3")  # Thursday
    filters.locator("#f-kind").select_option("third_sector")
    with page.expect_navigation():
        filters.locator("button[type=submit]").click()
    results = page.locator("li.service")
    names = results.locator("h2").all_inner_texts()
    assert "Accoglienza notturna" in names
    assert "Posti letto d'emergenza" not in names  # Italian and English only
    assert "Ambulatorio ISI (stranieri temporaneamente presenti)" not in names  # public

    shelter = results.filter(has_text=SHELTER)
    with page.expect_navigation():
        shelter.locator("a.button").click()
    page.select_option("#reason", "housing")
    page.fill("#agreed", "Si presenta giovedì mattina con la lettera.")
    page.check("#consent_given")
    with page.expect_navigation():
        page.locator("main form button[type=submit], main form input[type=submit]").click()
    assert "/external-referrals/" in page.url
    referral_url = page.url

    page.locator("a[href$='/letter']").click()
    letter = page.locator("article.slip")
    assert letter.get_attribute("lang") == "it" and letter.get_attribute("dir") == "ltr"
    assert "Lettera di invio" in letter.inner_text()
    page.goto(referral_url)
    page.locator("a[href$='/sheet']").click()
    sheet = page.locator("article.slip")
    assert sheet.get_attribute("lang") == "ar" and sheet.get_attribute("dir") == "rtl"
    assert "Via Cigna 14" in sheet.inner_text()

    partner = new_page()
    sign_in(partner, PARTNER, locale="it")
    partner.goto("/partner/")
    with partner.expect_navigation():
        partner.locator("table a").first.click()
    with partner.expect_navigation():
        partner.locator("form[action$='/acknowledge'] input[type=submit]").click()
    partner.select_option("#outcome", "taken_in_charge")
    with partner.expect_navigation():
        partner.locator("form[action$='/outcome'] input[type=submit]").click()
    partner.fill("#body", REPLY)
    with partner.expect_navigation():
        partner.locator("form[action$='/reply'] input[type=submit]").click()

    page.goto(f"/cases/{case_id}")
    timeline = page.locator("#timeline").inner_text()
    assert REPLY in timeline
    assert "Presa in carico" in page.locator("#external-referrals").inner_text()
