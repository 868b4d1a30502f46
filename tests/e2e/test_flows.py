"""The four flows of the desk, in Chromium against the live app with demo data. The pages
met on the way (results, duplicate warning, slip, forms, lists) pass the axe-core check too.

They tell one story and run in order: the desk operator registers Nawal Qasimi and routes her
case to the legal and mediation teams; the legal worker accepts and books an appointment
with an interpreter; the Arabic-speaking mediator reads the case in Arabic and translates
the legal worker's note; the supervisor finds the new referrals and downloads an export.
"""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale

from desk.common import clock as timeutil

from .checks import assert_accessible
from .conftest import sign_in
from .pages import LEGAL, MEDIATOR_AR, OPERATOR, SUPERVISOR, path_for, require_screen

pytestmark = pytest.mark.e2e

GIVEN, FAMILY = "Nawal", "Qasimi"
GIVEN_AR, FAMILY_AR = "نوال", "القاسمي"
BIRTH = "14/03/1991"
NOTE_IT = "Permesso di soggiorno in scadenza: portare passaporto e contratto di lavoro."
NOTE_AR = "تصريح الإقامة على وشك الانتهاء: يجب إحضار جواز السفر وعقد العمل."


@pytest.fixture(scope="module")
def story():
    """What one flow leaves for the next (the case's address, its reference)."""
    return {}


def _after(story, step):
    if step not in story:
        pytest.skip(f"needs the earlier flow that {step}")


def _in(live_server, locale, text_of):
    """A text of the app as a reader in `locale` sees it (labels come from the catalogues)."""
    with live_server.app.test_request_context(), force_locale(locale):
        return str(text_of())


def _flash(page) -> str:
    return " ".join(page.locator(".flashes").all_inner_texts())


def test_desk_operator_registers_records_access_routes_and_prints_slip(
        new_page, live_server, story):
    require_screen(live_server, "counter.desk_home", "counter.search", "counter.register",
                   "counter.intake", "counter.slip", "cases.case_detail")
    page = new_page(locale="it")
    sign_in(page, OPERATOR, locale="it")

    # Search by a name written in Arabic script: people registered with Latin names show up.
    page.goto(path_for(live_server, "counter.desk_home"))
    page.fill("#q", "محمد")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/people/search\?q="))
    rows = page.locator("table.results tbody tr")
    assert rows.count() > 0, "an Arabic-script name finds the people written محمد"
    assert "محمد" in rows.first.inner_text()
    assert re.search(r"Moh|Muh", rows.first.inner_text()), "…shown with their Latin name too"
    assert_accessible(page)

    # Register a new person, with her name in both scripts.
    page.goto(path_for(live_server, "counter.register"))
    _fill_person(page, GIVEN, FAMILY)
    page.locator("form.panel button[type=submit]").click()
    page.wait_for_url(re.compile(r"/people/\d+/intake"))
    assert _in(live_server, "it", lambda: _t("Registered. Now record what the person needs.")) \
        in _flash(page)
    intake_url = page.url

    # A near-duplicate (one letter more in the family name) is flagged before registering.
    page.goto(path_for(live_server, "counter.register"))
    _fill_person(page, GIVEN, "Qassimi")
    page.locator("form.panel button[type=submit]").click()
    duplicates = page.locator("section.duplicates")
    duplicates.wait_for()
    assert FAMILY in duplicates.inner_text() and FAMILY_AR in duplicates.inner_text()
    assert page.locator("#register_anyway").is_visible(), "registering anyway is a choice"
    assert_accessible(page)
    # She is the same person: the operator records the access on the existing record.
    duplicates.locator("a[href$='/intake']").first.click()
    page.wait_for_url(intake_url)

    # The access, with two needs: the teams are suggested from them.
    page.check("input[name=needs][value=documents]")
    page.check("input[name=needs][value=language_barrier]")
    page.fill("#description", "Rinnovo del permesso; parla solo arabo.")
    for team, suggested in (("legal", True), ("mediation", True), ("social", False),
                            ("health", False)):
        assert page.is_checked(f"input[name=teams][value={team}]") is suggested, team
    page.locator("form[data-intake] .actions button[type=submit]").click()

    # The slip, in the person's language (Arabic, right to left).
    page.wait_for_url(re.compile(r"/people/access/\d+/slip"))
    slip = page.locator("article.slip")
    assert slip.get_attribute("lang") == "ar" and slip.get_attribute("dir") == "rtl"
    assert GIVEN_AR in slip.inner_text()
    for kind in ("legal", "mediation"):
        assert _team_label(live_server, "ar", kind) in slip.inner_text()
    story["reference"] = slip.locator(".case-ref").inner_text().strip()
    assert_accessible(page)

    page.get_by_role("link", name=_in(live_server, "it", lambda: _t("Open the case"))).click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    referrals = page.locator("#referrals").inner_text()
    for kind in ("legal", "mediation"):
        assert _team_label(live_server, "it", kind) in referrals
    story["case_path"] = page.url.removeprefix(live_server.url)
    story["routed"] = True


def test_legal_worker_accepts_books_with_interpreter_and_writes_note(
        new_page, live_server, story):
    _after(story, "routed")
    require_screen(live_server, "teamwork.my_queue", "teamwork.accept_referral",
                   "teamwork.book_appointment", "cases.write_note")
    page = new_page(locale="it")
    sign_in(page, LEGAL, locale="it")

    page.goto(path_for(live_server, "teamwork.my_queue"))
    row = page.locator("tbody tr", has_text=f"{GIVEN} {FAMILY}")
    assert row.count() == 1, "the new referral waits in the legal queue"
    row.get_by_role("button").first.click()  # Accept, assigned to me
    page.wait_for_load_state()
    assert _in(live_server, "it", lambda: _t("Referral accepted.")) in _flash(page)

    page.goto(story["case_path"])
    page.locator(f"a[href$='{story['case_path']}/appointments/new']").click()
    assert_accessible(page)
    day = timeutil.today() + timedelta(days=7)
    page.fill("#day", day.isoformat())
    page.fill("#time", "10:30")
    page.fill("#place", "Ufficio legale, stanza 2")
    page.select_option("#interpreter_language", "ar")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(re.compile(r"/cases/\d+#appointments$"))
    appointments = page.locator("#appointments").inner_text()
    assert "Ufficio legale, stanza 2" in appointments
    assert _in(live_server, "it", lambda: _language("ar")) in appointments

    page.fill("#body", NOTE_IT)
    page.select_option("#language", "it")
    page.locator("#write-note [type=submit]").click()
    page.wait_for_url(re.compile(r"/cases/\d+#timeline$"))
    assert _in(live_server, "it", lambda: _t("Note added.")) in _flash(page)
    assert NOTE_IT in page.locator("#timeline").inner_text()
    story["noted"] = True


def test_mediator_reads_the_case_in_arabic_and_adds_a_translation(
        new_page, live_server, story):
    _after(story, "noted")
    require_screen(live_server, "teamwork.my_queue", "cases.translate_note")
    page = new_page(locale="ar")
    sign_in(page, MEDIATOR_AR, locale="ar")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.goto(path_for(live_server, "teamwork.my_queue"))
    # Two rows of the same case: the mediation referral and the interpreter request.
    page.locator("tbody tr", has_text=f"{GIVEN} {FAMILY}").first.get_by_role(
        "link", name=re.compile(GIVEN)).click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    assert page.url.endswith(story["case_path"])
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    # Statuses, team names and headings come from the Arabic catalogue.
    referrals = page.locator("#referrals").inner_text()
    assert _in(live_server, "ar", lambda: _t("Referrals")) in referrals
    assert _team_label(live_server, "ar", "mediation") in referrals
    assert _in(live_server, "ar", lambda: _status("accepted")) in referrals
    assert _in(live_server, "ar", lambda: _status("pending")) in referrals

    note = page.locator("#timeline .note-pair", has_text=NOTE_IT)
    assert note.locator("[lang=it]").count() == 1, "the original note is marked as Italian"
    page.locator("#timeline").locator("a[href*='/translate']").first.click()
    page.wait_for_url(re.compile(r"/notes/\d+/translate"))
    assert page.locator("#language").input_value() == "ar"
    assert_accessible(page)
    page.fill("#body", NOTE_AR)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(re.compile(r"/cases/\d+#timeline$"))
    pair = page.locator("#timeline .note-pair", has_text=NOTE_IT)
    assert pair.locator(".note-translation[lang=ar], .note-translation [lang=ar]").inner_text() \
        .strip() == NOTE_AR
    assert NOTE_IT in pair.inner_text(), "the original is kept next to the translation"
    story["translated"] = True


def test_supervisor_sees_the_new_referrals_and_downloads_an_export(
        new_page, live_server, story):
    _after(story, "routed")
    require_screen(live_server, "supervision.dashboard", "supervision.referrals",
                   "supervision.export_list")
    page = new_page(locale="it")
    sign_in(page, SUPERVISOR, locale="it")

    page.goto(path_for(live_server, "supervision.dashboard"))
    headline = page.locator(".sv-headline")
    assert int(headline.locator("strong").first.inner_text()) > 0
    headline.locator("a[href*='state=open']").click()
    page.wait_for_url(re.compile(r"/supervision/referrals"))
    rows = page.locator("tbody tr", has_text=story["reference"])
    teams = " ".join(rows.all_inner_texts())
    assert _team_label(live_server, "it", "legal") in teams
    assert _team_label(live_server, "it", "mediation") in teams
    assert_accessible(page)

    with page.expect_download() as info:
        page.locator("form.sv-exports [formaction*='referrals.csv']").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert len(table) > 1, "the export has a header and rows"
    assert any(story["reference"] in cell for line in table for cell in line)


def _fill_person(page, given, family):
    page.fill("#given_name", given)
    page.fill("#family_name", family)
    page.fill("#given_name_original", GIVEN_AR)
    page.fill("#family_name_original", FAMILY_AR)
    page.fill("#birth", BIRTH)
    page.select_option("#sex", "F")
    page.select_option("#nationality", "MA")
    page.fill(".choice-filter", "arab")  # the filter box narrows the checkbox list
    page.check("input[name=languages][value=ar]")
    page.fill(".choice-filter", "")
    page.check("input[name=languages][value=fr]")
    page.select_option("#preferred_language", "ar")
    page.check("#interpreter_needed")
    page.check("#privacy_notice_given")
    page.check("#share_consent")
    page.select_option("#notice_language", "ar")


def _t(message):
    from flask_babel import gettext

    return gettext(message)


def _team_label(live_server, locale, kind):
    from desk.vocab.codes import TEAM_KINDS, label

    return _in(live_server, locale, lambda: label(TEAM_KINDS, kind))


def _status(code):
    from desk.vocab.codes import REFERRAL_STATUSES, label

    return label(REFERRAL_STATUSES, code)


def _language(code):
    from desk.vocab.names import language_name

    return language_name(code)
