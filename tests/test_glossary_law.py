"""The permit glossary as the law reads after DL 20/2023, DL 145/2024 and DL 36/2025: the
permit types that were missing, the date each entry was last checked, the not-legal-advice
notice, and the entries that said something the law no longer says."""

import re
from datetime import date

import pytest
from flask_babel import force_locale, gettext

from desk.common.i18n import LOCALES, format_date
from desk.vocab import glossary
from desk.vocab.codes import PERMIT_TYPES

from .i18n_fixtures import catalogue_dir, translated  # noqa: F401

NEW_CODES = ("work_seasonal_multiyear", "traineeship", "volunteering", "labour_exploitation",
             "medical_pregnancy", "civil_merit", "intra_corporate_transfer", "remote_work",
             "investors", "justice")
ARTICLE = re.compile(r"\bartt?\. \d")


@pytest.fixture
def reader(make, auth):
    def sign_in(locale="it"):
        make.user(email=f"reader-{locale}@example.test", roles=("team",), teams=("legal",),
                  locale=locale)
        auth.login(f"reader-{locale}@example.test")
    return sign_in


def _entry(body: str, code: str) -> str:
    match = re.search(rf'<article class="panel glossary-entry" id="{code}">(.*?)</article>',
                      body, re.S)
    assert match, f"no entry {code}"
    return match.group(1)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def _in_locale(app, locale, text, **values):
    with app.test_request_context("/"), force_locale(locale):
        return gettext(text, **values)


def test_the_missing_permit_types_have_an_entry_that_cites_the_law():
    for code in NEW_CODES:
        assert code in PERMIT_TYPES
        permit = glossary.get(code)
        assert permit is not None, code
        assert ARTICLE.search(permit.basis), (code, permit.basis)
        assert permit.checked == date(2026, 12, 1)
    assert "art. 18-ter" in glossary.get("labour_exploitation").basis
    assert "art. 19 c. 2 lett. d;" in glossary.get("medical_pregnancy").basis
    assert "art. 42-bis" in glossary.get("civil_merit").basis
    assert "art. 11 c. 1 lett. c-bis" in glossary.get("justice").basis
    assert "art. 27-bis" in glossary.get("volunteering").basis
    assert "27-quinquies" in glossary.get("intra_corporate_transfer").basis
    assert "art. 26-bis" in glossary.get("investors").basis
    assert "lett. q-bis" in glossary.get("remote_work").basis
    assert "art. 24 c. 11" in glossary.get("work_seasonal_multiyear").basis


def test_every_entry_has_a_legal_basis_and_a_date_of_check():
    for permit in glossary.PERMITS:
        assert permit.basis.strip(), permit.code
        assert isinstance(permit.checked, date), permit.code


@pytest.mark.parametrize("locale", LOCALES)
def test_new_entries_show_in_every_locale_with_the_date_they_were_checked(app, reader, client,
                                                                         locale):
    reader(locale)
    body = client.get("/glossary/").get_data(as_text=True)
    with app.test_request_context("/"), force_locale(locale):
        checked = gettext("Checked against the law on %(date)s",
                          date=format_date(date(2026, 12, 1), "long"))
    for code in NEW_CODES:
        entry = _entry(body, code)
        assert f'href="#{code}"' in body
        assert glossary.get(code).basis in _text(entry)
        assert _text(checked) in _text(entry), (locale, code)
        assert '<time datetime="2026-12-01">' in entry
    if locale != "en":
        assert "Checked against the law on" not in body  # translated, not left in English


@pytest.mark.parametrize("locale,checked", [
    ("it", "Verificato rispetto alla normativa il 1 dicembre 2026"),
    ("en", "Checked against the law on 1 December 2026"),
    ("fr", "Vérifié au regard de la loi le 1 décembre 2026"),
    ("uk", "Перевірено на відповідність закону 1 грудня 2026 р."),
])
def test_the_date_of_the_check_reads_as_a_date_in_the_readers_language(reader, client, locale,
                                                                       checked):
    reader(locale)
    entry = _entry(client.get("/glossary/").get_data(as_text=True), "labour_exploitation")
    assert _text(checked) in _text(entry)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_page_says_it_is_information_not_legal_advice(app, reader, client, locale):
    reader(locale)
    body = client.get("/glossary/").get_data(as_text=True)
    caveat = re.search(r'<p class="flash flash-warning glossary-caveat" role="note">(.*?)</p>',
                       body, re.S)
    assert caveat
    assert _in_locale(app, locale, "Information, not legal advice.") in caveat.group(1)
    if locale == "it":
        assert "Informazione, non consulenza legale." in caveat.group(1)


@pytest.mark.parametrize("locale", ["it", "en", "ar", "bn"])
def test_searching_the_abolished_humanitarian_permit_finds_its_successors(reader, client,
                                                                          locale):
    reader(locale)
    body = client.get("/glossary/", query_string={"q": "motivi umanitari"}).get_data(
        as_text=True)
    found = re.findall(r'<article class="panel glossary-entry" id="([a-z_]+)"', body)
    assert found[0] == "special_protection"
    assert set(found) == {"special_protection", "special_cases_violence"}


def test_assistenza_minori_no_longer_promises_a_conversion_into_work(reader, client):
    reader("it")
    entry = _text(_entry(client.get("/glossary/").get_data(as_text=True), "minor_assistance"))
    assert "Può essere convertito in permesso per lavoro." not in entry
    assert "Consente di lavorare (art. 29 c. 6)" in entry
    assert "art. 6 c. 1-bis lett. h" in entry  # the 2020 rule that points the other way
    assert "Verificare con la Questura" in entry
    reader_en = glossary.get("minor_assistance")
    assert str(reader_en.conversion) != "Can be converted into a work permit."


def test_casi_speciali_cite_art_18_ter_and_not_the_repealed_art_22(reader, client):
    reader("it")
    body = client.get("/glossary/").get_data(as_text=True)
    violence = _text(_entry(body, "special_cases_violence"))
    exploitation = _text(_entry(body, "labour_exploitation"))
    assert "18-ter" in violence  # sends the reader to the labour-exploitation entry
    assert "art. 18-ter" in exploitation
    assert "non serve una denuncia formale" in exploitation
    assert "familiari della vittima" in exploitation
    assert "12-quater" not in body
    assert not any("12-quater" in p.basis for p in glossary.PERMITS)


def test_special_protection_tells_what_dl_20_2023_changed(reader, client):
    reader("it")
    entry = _text(_entry(client.get("/glossary/").get_data(as_text=True),
                         "special_protection"))
    assert "DL 20/2023 (L. 50/2023, art. 7) ha eliminato il presupposto della vita privata e" \
           " familiare" in entry
    assert "la domanda presentata direttamente al Questore" in entry
    assert "si rinnova una sola volta, per un anno (DL 20/2023, art. 7 c. 3)" in entry


def test_asylum_appeal_may_not_stop_removal_in_accelerated_procedures(reader, client):
    reader("en")
    entry = _text(_entry(client.get("/glossary/").get_data(as_text=True), "asylum_pending"))
    assert "an appeal does not suspend removal by itself" in entry
    assert "35-bis" in entry


def test_citizenship_entry_knows_the_2025_limits_on_descent(reader, client):
    reader("it")
    entry = _text(_entry(client.get("/glossary/").get_data(as_text=True),
                         "citizenship_pending"))
    assert "per esempio di origine italiana" not in entry  # the old, unqualified example
    assert "DL 36/2025 (L. 74/2025)" in entry
    assert "L. 91/1992, art. 3-bis" in entry


def test_eu_long_term_entry_names_the_absences_that_end_it(reader, client):
    reader("en")
    entry = _text(_entry(client.get("/glossary/").get_data(as_text=True), "eu_long_term"))
    assert "twelve months in a row" in entry
    assert "from Italy for more than six years" in entry
    assert "art. 9 c. 7 lett. d, e" in entry
    assert "the requirements are not checked again" not in entry


def test_bengali_glossary_writes_numbers_with_one_set_of_digits(reader, client):
    reader("bn")
    body = client.get("/glossary/").get_data(as_text=True)
    assert "1 ডিসেম্বর, 2026" in body  # Babel's Bengali date, in Latin digits
    assert not re.search("[\u09e6-\u09ef]", body)  # no Bengali digit beside them
    assert "90 দিন পর্যন্ত" in body
