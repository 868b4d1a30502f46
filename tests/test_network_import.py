"""Importing and exporting the directory: a dry run first, each refused row with its reason,
and an import that is all or nothing."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.directory import Service

from .casework import build_world
from .network_world import build_network

HEADER = ("organisation,kind,service,needs,languages,hours,address,access_mode,phone,website,"
          "verified_on\n")
GOOD = ('Sportello Casa,third_sector,Emergenza abitativa,housing income,ar it,'
        '"mon 09:00-12:00; thu 14:00-17:00",Via Po 1,walk_in,011 443 1234,'
        'https://casa.example,2026-05-01\n')
OTHER = 'CPIA 2,public,Italiano serale,italian_course,it,tue 18:00-21:00,Via Nizza 9,walk_in,,,\n'


def _upload(client, text, dry_run=True, name="directory.csv", raw=None):
    data = {"upload": (io.BytesIO(raw if raw is not None else text.encode()), name)}
    if dry_run:
        data["dry_run"] = "y"
    return client.post("/network/services/import", data=data, content_type="multipart/form-data")


@pytest.fixture
def supervisor(make, auth):
    build_world(make)
    make.user(email="en-super@example.test", roles=("supervisor",), locale="en")
    auth.login("en-super@example.test")


def test_a_dry_run_says_what_would_be_added_and_writes_nothing(supervisor, client):
    response = _upload(client, HEADER + GOOD + OTHER)
    assert response.status_code == 200
    assert "2 services would be added" in response.get_data(as_text=True)
    assert db.session.query(Service).count() == 0


def test_a_correct_file_is_imported_whole_and_audited(supervisor, client):
    assert _upload(client, HEADER + GOOD + OTHER, dry_run=False).status_code == 302
    services = {s.name: s for s in db.session.query(Service)}
    assert set(services) == {"Emergenza abitativa", "Italiano serale"}
    assert [(o.weekday, str(o.opens)) for o in services["Emergenza abitativa"].openings] == [
        (0, "09:00:00"), (3, "14:00:00")]
    assert db.session.query(AuditLog).filter_by(object_type="service", action="create").count() == 2


@pytest.mark.parametrize("row, reason", [
    (GOOD.replace("housing income", "housing flying"), "Unknown need code: flying"),
    (GOOD.replace("011 443 1234", "12ab"), "not a valid phone number"),
    (GOOD.replace("https://casa.example", "ftp://casa.example"), "https://"),
    (GOOD.replace("thu 14:00-17:00", "thu 17:00-14:00"), "ends before it starts"),
    (GOOD.replace("thu 14:00-17:00", "mon 11:00-13:00"), "overlap"),
    (GOOD.replace("third_sector", "private"), "Unknown kind"),
    (GOOD.replace("2026-05-01", "yesterday"), "YYYY-MM-DD"),
    (GOOD + GOOD, "already in the directory or earlier in the file"),
])
def test_one_bad_row_refuses_the_whole_file_with_its_line_and_reason(supervisor, client, row,
                                                                     reason):
    response = _upload(client, HEADER + OTHER + row, dry_run=False)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert reason in page and "nothing was imported" in page
    bad_line = 4 if row == GOOD + GOOD else 3  # the header is line 1
    assert f"<td>{bad_line}</td>" in page
    assert db.session.query(Service).count() == 0


def test_a_service_already_in_the_directory_is_a_duplicate(make, auth, client):
    w = build_world(make)
    build_network(make)
    make.user(email="en-super@example.test", roles=("supervisor",), locale="en")
    auth.login("en-super@example.test")
    row = "Casa del Ponte,third_sector,ACCOGLIENZA NOTTURNA,housing,,,Via Roma 1,walk_in,,,\n"
    response = _upload(client, HEADER + row, dry_run=False)
    assert response.status_code == 422 and "already in the directory" in response.get_data(
        as_text=True)
    assert w


def test_missing_columns_and_unreadable_files_are_refused(supervisor, client):
    response = _upload(client, "organisation,service\nA,B\n")
    assert response.status_code == 422 and "Columns missing" in response.get_data(as_text=True)
    response = _upload(client, "", raw=b"\x81\x8d\x8f\x90\x9d garbage", name="d.csv")
    assert response.status_code == 422 and "UTF-8" in response.get_data(as_text=True)
    response = _upload(client, "", raw=b"not a zip", name="d.xlsx")
    assert response.status_code == 422 and "XLSX" in response.get_data(as_text=True)


def test_an_xlsx_file_is_read_like_a_csv(supervisor, client):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["CPIA 2", "public", "Italiano serale", "italian_course", "it",
                  "tue 18:00-21:00", "Via Nizza 9", "walk_in", None, None, None])
    out = io.BytesIO()
    book.save(out)
    assert _upload(client, "", raw=out.getvalue(), name="d.xlsx", dry_run=False).status_code == 302
    assert db.session.query(Service).one().name == "Italiano serale"


def test_the_export_reads_back_as_an_import(make, auth, client):
    build_world(make)
    build_network(make)
    make.user(email="en-super@example.test", roles=("supervisor",), locale="en")
    auth.login("en-super@example.test")
    csv_text = client.get("/network/services/export.csv").get_data(as_text=True)
    assert "Casa del Ponte" in csv_text and "Casa di Cuneo" not in csv_text
    assert "thu 09:00-12:00" in csv_text
    xlsx = client.get("/network/services/export.xlsx").data
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert rows[0][0] == "organisation" and len(rows) == 4
    db.session.query(Service).delete()
    db.session.commit()
    # the file itself is a valid import of the three services
    response = _upload(client, csv_text.lstrip("\ufeff"))
    assert "3 services would be added" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["desk", "legal", "partner"])
def test_only_the_directorys_keepers_import_and_export(make, auth, client, role):
    w = build_world(make)
    auth.login(w.email(role))
    assert client.get("/network/services/export.csv").status_code == 403
    assert client.get("/network/services/import").status_code == 403
