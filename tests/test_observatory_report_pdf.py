"""The meeting report as PDF: it renders in Italian and in English, names the territory and
each section in the reader's language, prints only protected numbers (a hidden cell is ×) and
answers only a coordinator who may open the territory."""

import io

import pytest
from flask_babel import force_locale
from pypdf import PdfReader
from sqlalchemy import select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.users import User
from desk.observatory import cubes, publication
from desk.observatory.disclosure import ALL
from desk.sampledata.generate import generate

from .casework import build_world

PERIOD = "year=2026&quarter=1"  # the last quarter over at TEST_NOW (2026-06-17)
HIDDEN = "×"


@pytest.fixture
def region(app, make, now):
    """Generated desks in three provinces, a regional and a provincial coordinator."""
    build_world(make)
    generate(people=400, seed=11, site_codes=["TO", "CN", "AT"], now=now)
    db.session.commit()
    make.user(email="prov@example.test", roles=("coordinator",), sites=())
    user = db.session.scalar(select(User).where(User.email == "prov@example.test"))
    user.observatory_scope = "CN"
    db.session.commit()
    return {"region": "coordinator@example.test", "province": "prov@example.test"}


def pdf_lines(data: bytes) -> list[str]:
    """The document's text, one printed line (a table cell, a chart label) per item."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return [line.strip() for line in text.splitlines() if line.strip()]


def printed(row) -> list[str]:
    return [HIDDEN if cell.value is None else cell.text for cell in row]


def assert_rows_printed(lines: list[str], tables) -> int:
    """Every row of every table is in the document as its label followed by its cells, a
    hidden cell as ×; returns how many cells were hidden."""
    hidden = 0
    for table in tables:
        for row in table.rows:
            expected = [row[0].text, *printed(row[1:])]
            starts = [i for i, line in enumerate(lines) if line == expected[0]]
            assert any(lines[i:i + len(expected)] == expected for i in starts), \
                (table.key, expected)
            hidden += expected.count(HIDDEN)
    return hidden


def published_content(email: str, territory: str, lang: str):
    user = db.session.scalar(select(User).where(User.email == email))
    with force_locale(lang):
        return publication.content(user, cubes.Period(2026, 1), territory)


@pytest.mark.parametrize("lang,title,section", [
    ("it", "Osservatorio dei bisogni", "Bisogni espressi, per territorio"),
    ("en", "Needs observatory", "Needs expressed, by territory"),
])
def test_the_region_report_renders_as_pdf_in_both_languages(region, auth, client, lang, title,
                                                            section):
    auth.login(region["region"])
    response = client.get(f"/observatory/region/report.pdf?{PERIOD}&lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data[:5] == b"%PDF-"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) > 3
    lines = pdf_lines(response.data)
    assert title in lines and section in lines
    assert "Regione" in lines if lang == "it" else "Region" in lines
    assert any("2026-Q1" in line and "2025-Q1" in line for line in lines)  # period, compared
    content = published_content(region["region"], ALL, lang)
    for table in content.tables:
        assert table.title in lines, table.title
    other = "Needs expressed, by territory" if lang == "it" else "Bisogni espressi, per territorio"
    assert other not in lines


def test_the_pdf_prints_only_protected_numbers(region, auth, client):
    """Each table of the report is printed cell by cell as published: every hidden cell (the
    small ones and those that would give them away) is ×, never its count."""
    auth.login(region["region"])
    content = published_content(region["region"], ALL, "en")
    assert content.quarter.published.primary  # the data has small cells to protect
    lines = pdf_lines(client.get(f"/observatory/region/report.pdf?{PERIOD}&lang=en").data)
    assert assert_rows_printed(lines, content.tables) > 0
    shown = [int(v) for t in content.tables if t.key != "waiting_times" for row in t.rows
             for c, v in zip(t.columns[1:], (cell.value for cell in row[1:]), strict=True)
             if v is not None and "change" not in c.key]
    assert shown and all(v == 0 or v >= 5 for v in shown)


def test_a_territory_report_names_the_territory_and_is_audited(region, auth, client):
    auth.login(region["province"])
    response = client.get(f"/observatory/CN/report.pdf?{PERIOD}&lang=it")
    assert response.status_code == 200
    lines = pdf_lines(response.data)
    content = published_content(region["province"], "CN", "it")
    assert content.name in lines and "Bisogni espressi, per categoria" in lines
    assert_rows_printed(lines, content.tables)
    row = db.session.scalars(select(AuditLog).where(
        AuditLog.object_type == "observatory_report").order_by(AuditLog.id.desc())).first()
    assert row.action == "export"
    assert row.detail == {"area": "CN", "period": "2026-Q1", "format": "pdf", "language": "it"}


def test_the_page_and_the_html_report_link_to_the_pdf(region, auth, client):
    auth.login(region["region"])
    page = client.get(f"/observatory/region?{PERIOD}").get_data(as_text=True)
    assert "/observatory/region/report.pdf?year=2026&amp;quarter=1&amp;lang=it" in page
    assert "/observatory/region/report.pdf?year=2026&amp;quarter=1&amp;lang=en" in page
    report = client.get(f"/observatory/region/report?{PERIOD}&lang=en").get_data(as_text=True)
    assert "/observatory/region/report.pdf?year=2026&amp;quarter=1&amp;lang=en" in report


def test_a_provincial_coordinator_gets_only_her_territory_as_pdf(region, auth, client):
    auth.login(region["province"])
    assert client.get(f"/observatory/CN/report.pdf?{PERIOD}&lang=en").status_code == 200
    for area in ("region", "TO", "AT", "XX"):
        assert client.get(f"/observatory/{area}/report.pdf?{PERIOD}").status_code == 404, area


def test_bad_input_for_the_pdf_is_a_404_not_an_error(region, auth, client):
    auth.login(region["region"])
    for query in ("lang=xx", "year=abc", "year=2026&quarter=3", "year=2026&quarter=2"):
        assert client.get(f"/observatory/region/report.pdf?{query}").status_code == 404, query


@pytest.mark.parametrize("role", ["desk", "supervisor", "admin", "partner", "legal"])
def test_other_roles_may_not_download_the_pdf(make, auth, client, role):
    build_world(make)
    auth.login(f"{role}@example.test")
    assert client.get(f"/observatory/region/report.pdf?{PERIOD}").status_code == 403


def test_signed_out_the_pdf_asks_to_sign_in(make, client):
    build_world(make)
    response = client.get(f"/observatory/region/report.pdf?{PERIOD}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
