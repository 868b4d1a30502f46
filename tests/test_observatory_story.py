"""Issue 19's "done when", on generated data for several provinces (sampledata/story.py): a
regional coordinator opens the region's page, sees that housing needs rose in Cuneo against
last year and that Urdu interpreter demand is unmet, and downloads the meeting report; no
cell under 5 can be recovered from anything she can see."""

import sqlite3
from html.parser import HTMLParser

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from desk.extensions import db
from desk.models.users import User
from desk.observatory import cubes
from desk.observatory.disclosure import ALL
from desk.sampledata.generate import generate
from desk.vocab.names import language_name

from .test_observatory import recoverable
from .test_observatory_report_pdf import assert_rows_printed, pdf_lines, published_content

PERIOD = cubes.Period(2026, 1)  # the last quarter over at TEST_NOW (2026-06-17)
QUERY = "year=2026&quarter=1"
EMAIL = "regione@example.test"


class Tables(HTMLParser):
    """The observatory's tables as a reader sees them: section key -> header, rows of text."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, dict] = {}
        self.current = self.cell = self.row = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("aria-labelledby", "").endswith("-title"):
            self.current = {"header": [], "rows": []}
            self.tables[attrs["aria-labelledby"][:-len("-title")]] = self.current
        elif self.current is not None and tag == "tr":
            self.row = []
        elif self.row is not None and tag in ("th", "td"):
            self.cell = []

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            target = self.current["rows"] if self.current["header"] else self.current["header"]
            target.extend([self.row] if target is self.current["rows"] else self.row)
            self.row = None
        elif tag == "section":
            self.current = None


def number(text: str) -> float | None:
    return None if text == "×" else float(text)


@pytest.fixture
def story(app, make, now):
    """Three provinces of generated data (Torino, Cuneo, Asti) to the fixed `now`, and a
    regional coordinator with no site."""
    generate(people=1500, seed=19, site_codes=["TO", "CN", "AT"], now=now)
    db.session.commit()
    make.user(email=EMAIL, roles=("coordinator",), sites=())
    db.session.scalar(select(User).where(User.email == EMAIL)).observatory_scope = "region"
    db.session.commit()


def test_the_regional_coordinator_sees_the_story_and_nothing_small_can_be_recovered(
        story, auth, client, today):
    auth.login(EMAIL)
    page = client.get(f"/observatory/region?{QUERY}")
    assert page.status_code == 200
    tables = Tables(page.get_data(as_text=True)).tables

    # Housing needs rose in Cuneo against the same quarter a year before.
    by_territory = tables["needs_by_territory"]
    header = by_territory["header"]
    cuneo = header.index("Provincia di Cuneo")
    housing = next(row for row in by_territory["rows"] if row[0] == "Casa")
    assert number(housing[cuneo]) >= 5
    assert header[cuneo + 1] == "Variazione (%)" and number(housing[cuneo + 1]) > 0

    # Urdu interpreter requests were made and none was served.
    with force_locale("it"):
        urdu_name = language_name("ur")
    interpreters = tables["interpreters"]
    columns = interpreters["header"]
    urdu = next(row for row in interpreters["rows"] if row[0] == urdu_name)
    unmet, requested = number(urdu[columns.index("Non soddisfatte")]), number(
        urdu[columns.index("Richieste")])
    assert unmet >= 5 and unmet == requested

    # She downloads the meeting report: the same tables, the story in them.
    response = client.get(f"/observatory/region/report.pdf?{QUERY}&lang=it")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    lines = pdf_lines(response.data)
    content = published_content(EMAIL, ALL, "it")
    assert_rows_printed(lines, content.tables)
    assert "Provincia di Cuneo" in lines and urdu_name in lines

    # Everything she can see: the region's and every territory's pages, the reports, the
    # data files. The SQLite file holds every published cell of both quarters; the pages
    # show those cells only, and no number under 5 is among them.
    for area in ("TO", "CN", "AT"):
        assert client.get(f"/observatory/{area}?{QUERY}").status_code == 200
        assert client.get(f"/observatory/{area}/report.pdf?{QUERY}&lang=en").status_code == 200
    assert client.get(f"/observatory/region/data.xlsx?{QUERY}").status_code == 200
    data = client.get(f"/observatory/region/data.sqlite?{QUERY}")
    assert data.status_code == 200
    seen = _published_cells(data.data)
    coordinator = db.session.scalar(select(User).where(User.email == EMAIL))
    for period in (PERIOD, PERIOD.year_before()):
        quarter = cubes.quarter(coordinator, period, today)
        shown = seen[str(period)]
        assert shown == quarter.published.shown
        assert quarter.published.primary and all(shown[key] is None
                                                 for key in quarter.published.primary)
        assert all(v is None or v == 0 or v >= 5 for v in shown.values())
        assert recoverable(list(quarter.cubes.values()), shown) == set()


def _published_cells(data: bytes) -> dict[str, dict]:
    """quarter -> {cell key: count or None}, read back from the SQLite download."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        rows = connection.execute("SELECT quarter, figure, territory, cell, count FROM cells")
        seen: dict[str, dict] = {}
        for quarter, figure, territory, cell, count in rows:
            key = (figure, ALL if territory == "region" else territory, *cell.split("/"))
            seen.setdefault(quarter, {})[key] = count
        return seen
    finally:
        connection.close()
