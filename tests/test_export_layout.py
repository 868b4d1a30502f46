"""Exports read well where they are opened: sheet names whole (or cut between words) and
numbered "(2)" only for twins, Arabic and Urdu workbooks right to left, "all tables" as a zip
of one CSV per table; the dashboard is a summary with collapsible sections and keeps its
period and site when one comes back from the anonymised report."""

import io
import re
import zipfile
from html import unescape

import pytest
from openpyxl import load_workbook

from desk.common.spreadsheet import SHEET_NAME_LENGTH, sheet_title

from .test_supervision_exports import BOSS, csv_rows, data  # noqa: F401  (fixture)


@pytest.mark.parametrize("title", [
    "الإحالات حسب الفريق والحالة والأولوية، آخر ثلاثين يوماً",
    "Referral ageing by team and priority in the period",
    "Invii: tempo di attesa / priorità [tutti]",
])
def test_a_long_sheet_title_is_cut_between_words(title):
    name = sheet_title(title, set())
    assert len(name) <= SHEET_NAME_LENGTH and name.endswith("…")
    assert not re.search(r"[\[\]:*?/\\]", name)
    kept = name[:-1]
    assert " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split()).startswith(kept)
    assert kept[-1] not in " ,،", "no comma or space left dangling before the ellipsis"


def test_a_short_title_is_kept_whole_and_twins_are_numbered_in_brackets():
    used = set()
    assert sheet_title("Needs", used) == "Needs"
    assert sheet_title("Needs", used) == "Needs (2)"
    assert sheet_title("needs", used) == "needs (3)"  # Excel ignores case
    long_twins = ["الاحتياجات حسب الفئة والإقليم في الفترة"] * 2
    first, second = (sheet_title(t, used) for t in long_twins)
    assert second.endswith(" (2)") and len(second) <= SHEET_NAME_LENGTH and first != second


@pytest.mark.parametrize("lang,rtl", [("ar", True), ("ur", True), ("it", False), ("en", False)])
def test_workbooks_read_right_to_left_in_arabic_and_urdu(data, auth, client, lang, rtl):  # noqa: F811
    auth.login(BOSS)
    for url in ("/supervision/export/all.xlsx", "/supervision/referrals.xlsx",
                "/supervision/anonymised.xlsx"):
        response = client.get(f"{url}?lang={lang}")
        assert response.status_code == 200, url
        book = load_workbook(io.BytesIO(response.get_data()))
        assert all(bool(sheet.sheet_view.rightToLeft) is rtl for sheet in book.worksheets), url
        assert all(len(sheet.title) <= SHEET_NAME_LENGTH for sheet in book.worksheets)


def test_all_tables_come_as_a_zip_of_one_csv_per_table(data, auth, client):  # noqa: F811
    auth.login(BOSS)
    response = client.get("/supervision/export/all.zip?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].endswith('.zip"')
    book = load_workbook(io.BytesIO(client.get("/supervision/export/all.xlsx?lang=en").get_data()))
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        names = archive.namelist()
        assert len(names) == len(book.worksheets) > 1
        assert all(re.fullmatch(r"\d\d-[a-z0-9_]+\.csv", name) for name in names)
        first = archive.read(names[0]).decode("utf-8-sig").splitlines()
    assert first[0] and first[1], "each file: the table's title, then its header"


def test_the_anonymised_report_comes_as_a_zip_too(data, auth, client):  # noqa: F811
    auth.login(BOSS)
    response = client.get("/supervision/anonymised.zip?lang=en")
    assert response.status_code == 200
    assert len(zipfile.ZipFile(io.BytesIO(response.get_data())).namelist()) > 1


def test_the_stacked_csv_still_answers(data, auth, client):  # noqa: F811
    auth.login(BOSS)
    assert csv_rows(client.get("/supervision/export/all.csv?lang=en"))


def test_dashboard_summary_first_then_collapsible_sections(data, auth, client):  # noqa: F811
    auth.login(BOSS)
    html = client.get("/supervision/").get_data(as_text=True)
    assert html.index('class="sv-headline"') < html.index("<details")
    sections = re.findall(r'<section class="panel sv-section" id="(\w+)"[^>]*>\s*<details', html)
    assert len(sections) > 3
    assert all(f'href="#{key}"' in html for key in sections), "a list of the sections"
    assert "Download CSV (zip, one file per table)" in html
    assert "/supervision/export/all.zip" in html


def test_coming_back_from_the_anonymised_report_keeps_period_and_site(make, auth, client):
    make.site("TO")
    make.site("CN")
    make.user(email="two@example.test", roles=("supervisor",), sites=("TO", "CN"), locale="en")
    auth.login("two@example.test")
    cuneo = make.site("CN").id
    dashboard = client.get(f"/supervision/?start=2026-03-03&end=2026-03-20&site={cuneo}")
    link = unescape(re.search(r'href="(/supervision/anonymised\?[^"]+)"',
                              dashboard.get_data(as_text=True)).group(1))
    report = client.get(link).get_data(as_text=True)
    back = unescape(re.search(r'href="(/supervision/\?[^"]*)">Back to the dashboard', report).group(1))
    assert "start=2026-03-03" in back and "end=2026-03-20" in back and f"site={cuneo}" in back
    assert f'name="site" value="{cuneo}"' in report, "kept when the report's period changes"


def test_the_sqlite_download_is_explained(data, auth, client):  # noqa: F811
    auth.login(BOSS)
    html = client.get("/supervision/anonymised").get_data(as_text=True)
    assert 'id="sqlite-help"' in html and "database tool" in html
