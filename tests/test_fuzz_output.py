"""Whatever was typed comes out harmless: HTML and script show as text on every page that shows
it (person, case, slip, export), and no cell of a CSV or XLSX export can start a formula."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from desk.common.spreadsheet import FORMULA_START, safe_cell
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access
from desk.models.users import User

from .casework import build_world
from .privacy_world import rich_person

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'


@given(st.text())
def test_no_safe_cell_starts_a_formula_and_nothing_is_lost(value):
    cell = safe_cell(value)
    assert not cell.startswith(FORMULA_START)
    assert cell in (value, "'" + value)


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.dates()))
def test_numbers_and_dates_pass_unchanged(value):
    assert safe_cell(value) == value


def test_html_typed_anywhere_shows_as_text_on_every_page(make, auth, client):
    world = build_world(make)
    rich = rich_person(make, world.site, world.users, SCRIPT, SCRIPT, IMG,
                       original=(SCRIPT, IMG), status="in_progress")
    auth.login(world.email("supervisor"))
    access = db.session.scalar(select(Access.id).where(Access.person_id == rich.person.id))
    # The intake and note forms take free text as it is typed.
    client.post(f"/cases/{rich.case.id}/notes",
                data={"body": SCRIPT + IMG, "language": "it", "visibility": "all"})
    pages = [f"/people/{rich.person.id}", f"/cases/{rich.case.id}",
             f"/people/access/{access}/slip", f"/privacy/people/{rich.person.id}/export",
             f"/people/{rich.person.id}/privacy-notice", "/supervision/cases",
             "/supervision/accesses", "/people/desk", "/teams/legal/queue"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert SCRIPT not in body and "<img src=x" not in body, url
    case_page = client.get(f"/cases/{rich.case.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in case_page


def _csv_cells(response):
    text = response.get_data().decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _xlsx_cells(response):
    book = load_workbook(io.BytesIO(response.get_data()))
    return [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\t=1+1", "\r=1+1"])
def test_no_export_cell_starts_a_formula(make, auth, client, evil):
    world = build_world(make, referrals=("legal",))
    worker = world.users["legal"]
    worker.name = evil
    world.site.name = evil
    referral = world.case.referrals[0]
    referral.status, referral.assignee_id = "accepted", worker.id
    world.case.manager_id = worker.id
    db.session.add(AuditLog(action=evil, object_type=evil, user_id=worker.id))
    db.session.commit()
    auth.login(world.email("supervisor"))
    cells = []
    for url in ("/supervision/cases.csv", "/supervision/referrals.csv",
                "/supervision/export/all.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        cells += _csv_cells(response)
    for url in ("/supervision/cases.xlsx", "/supervision/referrals.xlsx",
                "/supervision/export/all.xlsx"):
        cells += _xlsx_cells(client.get(url))
    auth.logout()
    make.user(email="adm@example.test", roles=("admin",), locale="en")
    auth.login("adm@example.test")
    cells += _csv_cells(client.get("/admin/audit/export.csv"))
    texts = [c for c in cells if isinstance(c, str)]
    assert "'" + evil in texts
    assert not [c for c in texts if c.startswith(FORMULA_START)]
    assert not db.session.scalars(select(User).where(User.name.startswith("'"))).all()
