"""Exports open in the tools people use, are audited, and never carry notes; the anonymised
report hides every small cell and gives no total that would reveal one."""

import csv
import io
import sqlite3
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desk.common.clock import today
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.history import Note, record_event
from desk.supervision import anonymised

from .test_supervision_data import access, appointment, days_ago, referral, scope_for

BOSS = "boss@example.test"
SECRET = "CONFIDENTIAL-CLINICAL-DETAIL"


@pytest.fixture
def data(make):
    site = make.site("TO")
    make.user(email=BOSS, roles=("supervisor",), sites=("TO",), locale="en")
    case = make.case(site=site)
    referral(make, case, "health", status="declined", declined=2, reason="no_capacity")
    referral(make, case, "legal", created=3)
    access(case.person, at=days_ago(1), needs=["health", "documents"])
    appointment(case, make.team(site, "health"), at=days_ago(1), interpreter="ar")
    health = make.team(site, "health")
    db.session.add(Note(case_id=case.id, team_id=health.id, language="it", body=SECRET,
                        visibility="team"))
    record_event(case, "note", team=health, visibility="team", payload={"text": SECRET})
    db.session.commit()
    return case


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


EXPORTS = ["/supervision/export/all.csv", "/supervision/export/all.xlsx",
           "/supervision/referrals.csv", "/supervision/referrals.xlsx",
           "/supervision/cases.csv", "/supervision/cases.xlsx",
           "/supervision/anonymised.csv", "/supervision/anonymised.xlsx",
           "/supervision/anonymised.sqlite"]


@pytest.mark.parametrize("url", EXPORTS)
def test_every_export_is_audited_and_has_no_notes(data, auth, client, url):
    auth.login(BOSS)
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert SECRET.encode() not in response.get_data()
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "export"))
    assert row is not None and row.user_id is not None
    assert row.detail["format"] == url.rsplit(".", 1)[1]


def test_dashboard_csv_parses_with_codes_and_labels(data, auth, client):
    auth.login(BOSS)
    rows = csv_rows(client.get("/supervision/export/declined.csv?lang=en"))
    assert rows[0] == ["Reason (code)", "Reason", "Referrals"]
    assert rows[1] == ["no_capacity", "No capacity at the moment", "1"]


def test_export_labels_follow_the_chosen_language(data, auth, client):
    auth.login(BOSS)
    english = csv_rows(client.get("/supervision/referrals.csv?lang=en&state=open"))
    french = csv_rows(client.get("/supervision/referrals.csv?lang=fr&state=open"))
    assert english[1][english[0].index("Status (code)")] == "pending"
    assert len(english) == len(french) == 2


def test_dashboard_xlsx_opens_with_one_sheet_per_table(data, auth, client):
    auth.login(BOSS)
    book = load_workbook(io.BytesIO(client.get("/supervision/export/all.xlsx").get_data()))
    assert len(book.sheetnames) >= 10
    values = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
    assert values


def test_list_exports_have_no_names_and_no_free_text(make, data, auth, client):
    auth.login(BOSS)
    body = client.get("/supervision/referrals.csv").get_data().decode("utf-8-sig")
    assert "Diallo" not in body and "Amina" not in body
    assert data.reference in body


def test_spreadsheet_formulas_are_neutralised(make, data, auth, client):
    from desk.models.users import User

    worker = db.session.scalar(select(User).where(User.email == BOSS))
    worker.name = "=HYPERLINK(\"http://evil\")"
    ref = referral(make, data, "social", status="accepted", assignee=worker)
    assert ref.id
    auth.login(BOSS)
    rows = csv_rows(client.get("/supervision/referrals.csv?state=accepted"))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


# --- anonymised report ---------------------------------------------------------------------


@pytest.fixture
def territory(make):
    """Housing asked 4 times in one month (a small cell), documents 6 times."""
    site = make.site("CN", name="Cuneo")
    make.user(email=BOSS, roles=("supervisor",), sites=("CN",), locale="en")
    month = today().replace(day=1)
    at = datetime.combine(month, time(10))
    people = [make.person(site=site, given=f"Anonymous{i}", nationality="NG" if i < 4 else "MA")
              for i in range(6)]
    for i, person in enumerate(people):
        access(person, at=at, needs=["documents", "housing"] if i < 4 else ["documents"])
    return site, month


def test_small_cells_are_suppressed_and_no_total_reveals_them(territory):
    site, month = territory
    from desk.models.users import User

    boss = db.session.scalar(select(User).where(User.email == BOSS))
    scope = anonymised.territory_scope(scope_for(boss, start=month, end=month), "Cuneo")
    tables = {t.key: t for t in anonymised.report_tables(scope)}
    needs = {row[0].code: [c.value for c in row[1:]] for row in tables["needs_by_month"].rows}
    assert needs["documents"] == [6]
    assert needs["housing"] == ["<5"]
    assert needs["work"] == ["<5"]  # an empty cell looks like a small one
    people = {row[0].code: row[1].value for row in tables["people_by_nationality"].rows}
    assert people == {"NG": "<5", "MA": "<5"}
    for table in tables.values():
        titles = [c.title.lower() for c in table.columns]
        assert not any("total" in t for t in titles)
        values = [c.value for row in table.rows for c, column in zip(row, table.columns, strict=True)
                  if column.numeric]
        assert 4 not in values and 2 not in values
        assert all(v == "<5" or v >= 5 for v in values)


def test_anonymised_csv_and_page_never_show_the_small_count(territory, auth, client):
    site, month = territory
    auth.login(BOSS)
    args = f"territory=Cuneo&start={month.isoformat()}&end={month.isoformat()}"
    rows = csv_rows(client.get(f"/supervision/anonymised.csv?lang=en&{args}"))
    housing = next(r for r in rows if r and r[0] == "housing")
    assert housing[2:] == ["<5"]
    counts = [cell for row in rows for cell in row[2:]]
    assert "4" not in counts and "2" not in counts
    assert not any("total" in cell.lower() for row in rows for cell in row)
    page = client.get(f"/supervision/anonymised?{args}").get_data(as_text=True)
    assert "&lt;5" in page and "Anonymous1" not in page


def test_anonymised_sqlite_file_has_the_expected_tables(territory, auth, client, tmp_path):
    site, month = territory
    auth.login(BOSS)
    args = f"territory=Cuneo&start={month.isoformat()}&end={month.isoformat()}"
    response = client.get(f"/supervision/anonymised.sqlite?{args}")
    path = tmp_path / "report.sqlite"
    path.write_bytes(response.get_data())
    with sqlite3.connect(path) as con:
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        assert {"report", "needs_by_month", "people_by_nationality",
                "interpreters_by_month"} <= tables
        housing = con.execute("select count, shown, period from needs_by_month "
                              "where category='housing'").fetchall()
        assert housing == [(None, "<5", month.strftime("%Y-%m"))]
        documents = con.execute("select count from needs_by_month where category='documents'")
        assert documents.fetchall() == [(6,)]
        assert dict(con.execute("select key, value from report"))["territory"] == "Cuneo"
    con.close()


def test_dates_are_coarsened_to_months(territory):
    from desk.models.users import User

    boss = db.session.scalar(select(User).where(User.email == BOSS))
    scope = anonymised.territory_scope(
        scope_for(boss, start=date(2026, 1, 17), end=date(2026, 3, 2)), "Cuneo")
    assert (scope.start, scope.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert anonymised.months(scope) == ["2026-01", "2026-02", "2026-03"]


def test_a_territory_that_is_not_mine_is_not_found(territory, make, auth, client):
    make.site("TO")
    auth.login(BOSS)
    assert client.get("/supervision/anonymised?territory=Territory%20TO").status_code == 404
    assert client.get("/supervision/anonymised.csv?territory=Nowhere").status_code == 404


def test_exports_ask_for_the_password_again_when_the_sign_in_is_not_fresh(app, make, auth, client):
    """Downloads of personal-data tables need a fresh password (not just an open session)."""
    from datetime import timedelta

    from sqlalchemy import update

    from desk.models.users import LoginSession

    make.site("TO")
    make.user(email="sup@example.test", roles=("supervisor",), sites=("TO",), locale="en")
    auth.login("sup@example.test")
    from desk.common.clock import utcnow

    db.session.execute(update(LoginSession).values(fresh_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    for url in ("/supervision/referrals.csv", "/supervision/export/all.xlsx"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/reauthenticate" in response.headers["Location"]


def test_long_list_exports_stream_every_row_in_batches_in_the_chosen_language(
        make, data, auth, client, monkeypatch):
    """A desk's whole history is streamed a batch at a time (here batches of 3): every
    referral arrives once, in due-date order, with its labels in the language asked for."""
    from desk.supervision import list_exports

    monkeypatch.setattr(list_exports, "BATCH", 3)
    for number in range(8):
        referral(make, data, "social", due_in=20 + number)
    auth.login(BOSS)
    response = client.get("/supervision/referrals.csv?lang=fr")
    assert response.status_code == 200 and response.is_streamed
    rows = csv_rows(response)
    header, body = rows[0], rows[1:]
    assert len(body) == 10  # the fixture's two referrals and these eight
    english = csv_rows(client.get("/supervision/referrals.csv?lang=en"))
    due = [row[english[0].index("Due date")] for row in english[1:]]
    assert due == sorted(due) and len(set(due)) == 9
    assert header != english[0] and len(header) == len(english[0])
    status = english[0].index("Status (code)")
    assert {(row[status], row[status + 1]) for row in body} >= {("pending", "En attente")}
    exported = db.session.scalars(select(AuditLog).where(AuditLog.action == "export")).all()
    assert [row.detail["rows"] for row in exported] == [10, 10]

    book = load_workbook(io.BytesIO(client.get("/supervision/referrals.xlsx?lang=fr").get_data()))
    assert book.worksheets[0].max_row == 11
    cases = csv_rows(client.get("/supervision/cases.csv?status=all&lang=en"))
    assert cases[0][:3] == ["Case", "Site (code)", "Site"] and cases[1][1] == "TO"
