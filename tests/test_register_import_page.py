"""Importing a desk's existing register through the pages, as a supervisor: upload, columns
(remembered per site), dry run with the first rows as they will be stored, the refused rows'
report in the operator's language, then one transaction for the whole file or nothing."""

import csv
import io
import re
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desk.common import tables
from desk.counter import import_job_services as jobs
from desk.counter import import_services as registers
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access
from desk.models.people import Person
from desk.models.register_imports import RegisterMapping, RegisterUpload

from .casework import build_world, tr
from .conftest import PG_URL
from .test_register_import import register_rows

SUPERVISOR = "supervisor@example.test"


@pytest.fixture
def folder(app, tmp_path) -> Path:
    root = tmp_path / "register_uploads"
    app.config["REGISTER_UPLOAD_DIR"] = str(root)
    return root


@pytest.fixture
def world(make):
    return build_world(make)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _people() -> int:
    count = db.session.scalar(select(func.count()).select_from(Person))
    db.session.rollback()
    return count


def _accesses() -> int:
    count = db.session.scalar(select(func.count()).select_from(Access))
    db.session.rollback()
    return count


def _uploads() -> list[RegisterUpload]:
    rows = list(db.session.scalars(select(RegisterUpload).order_by(RegisterUpload.id)))
    db.session.rollback()
    return rows


def ntr(singular: str, plural: str, num: int, locale: str = "it") -> str:
    from flask import current_app
    from flask_babel import force_locale, ngettext
    from markupsafe import escape

    with current_app.test_request_context(), force_locale(locale):
        return str(escape(ngettext(singular, plural, num)))


def _xlsx(rows) -> bytes:
    return tables.to_xlsx(rows)


def _csv(rows, encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode(encoding)


def upload(client, content: bytes, name="registro.xlsx", **fields):
    data = {"file": (io.BytesIO(content), name), **fields}
    return client.post("/people/import", data=data, content_type="multipart/form-data")


def _upload_id(response) -> int:
    return int(re.search(r"/people/import/(\d+)/columns", response.headers["Location"])[1])


def choose(client, upload_id, mapping: dict):
    data = {name: mapping.get(name, "") for name in registers.FIELDS}
    return client.post(f"/people/import/{upload_id}/columns", data=data)


def _text(response) -> str:
    return response.get_data(as_text=True)


def _dry_run(client, content, name="registro.xlsx"):
    """Upload and check with the guessed columns; the upload's id."""
    sent = upload(client, content, name)
    assert sent.status_code == 302, _text(sent)
    upload_id = _upload_id(sent)
    form = client.get(f"/people/import/{upload_id}/columns")
    mapping = {n: v for n, v in _selected(_text(form)).items()}
    checked = choose(client, upload_id, mapping)
    assert checked.status_code == 302, _text(checked)
    return upload_id


def _selected(html: str) -> dict:
    """{field: the column chosen on the form}."""
    chosen = {}
    for name in registers.FIELDS:
        select_html = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)[1]
        option = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected',
                           select_html)
        chosen[name] = (option[1] or option[2] or "") if option else ""
    return chosen


def test_the_desks_2000_row_excel_register_is_imported_with_its_duplicates_reported(
        world, auth, client, folder):
    rows = register_rows(1990, 10)
    rows.append(["Hadad", "Yusuf", "", "SY", "", "", ""])  # already registered, one typo
    auth.login(SUPERVISOR)
    assert 'href="/people/import"' in _text(client.get("/supervision/"))
    accesses_before = _accesses()
    upload_id = _dry_run(client, _xlsx(rows))
    assert _people() == 1  # the dry run wrote nobody

    page = client.get(f"/people/import/{upload_id}")
    assert page.status_code == 200
    html = _text(page)
    upload = _uploads()[0]
    assert upload.status == "checked" and upload.invalid == 0
    planted = {1992 + j for j in range(10)} | {2002}
    assert planted <= {line for line, _reason, duplicate in upload.refusals if duplicate}
    assert ntr("%(num)d person would be imported", "%(num)d people would be imported",
               upload.to_import) in html
    first_line, first_reason, _ = upload.refusals[0]
    assert first_reason in html  # the list starts on the page; the report holds all of it
    # The first rows as they will be stored: the family name as the form cleans it.
    assert rows[1][0] in html

    report = client.get(f"/people/import/{upload_id}/refused.csv")
    lines = list(csv.reader(io.StringIO(report.data.decode("utf-8-sig"))))
    assert lines[0] == ["Riga", "Motivo", "Possibile doppione"]
    assert {int(line) for line, _reason, _flag in lines[1:]} >= planted
    yusuf = next(reason for line, reason, _flag in lines if line == "2002")
    assert "Yusuf Haddad" in yusuf  # the person already registered that the row resembles

    done = client.post(f"/people/import/{upload_id}/confirm")
    assert done.status_code == 303
    result = _text(client.get(f"/people/import/{upload_id}"))
    assert _people() == 1 + upload.to_import
    assert ntr("%(num)d person imported.", "%(num)d people imported.", upload.to_import) in result
    assert _files(folder) == []  # the uploaded file is gone once imported
    row = db.session.scalars(select(AuditLog).where(AuditLog.action == "import_people")).one()
    assert row.detail["file"] == "registro.xlsx"
    assert row.detail["rows_imported"] == upload.to_import
    refused = {line for line, _reason, _flag in upload.refusals}
    with_access = [n for n in range(2, len(rows) + 1) if n not in refused and rows[n - 1][5]]
    assert _accesses() - accesses_before == len(with_access) > 400


SMALL = [["Cognome", "Nome", "Anno di nascita", "Telefono"],
         ["Rossi", "Marco", "1980", "+39 333 1234567"],
         ["Bianchi", "Anna", "1985", ""],
         ["Verdi", "Luca", "1990", ""]]


def test_the_mapping_chosen_is_remembered_for_the_next_file(world, auth, client, folder):
    header = ["Surname of person", "First", "Year", "Tel"]  # no name the guess knows
    rows = [header, ["Rossi", "Marco", "1980", ""], ["Bianchi", "Anna", "1985", ""]]
    auth.login(SUPERVISOR)
    upload_id = _upload_id(upload(client, _csv(rows), "first.csv"))
    guessed = _selected(_text(client.get(f"/people/import/{upload_id}/columns")))
    assert guessed["family_name"] == "" and guessed["given_name"] == ""  # nothing to go by
    mapping = {"family_name": "Surname of person", "given_name": "First", "birth": "Year",
               "phone": "Tel"}
    assert choose(client, upload_id, mapping).status_code == 302
    assert db.session.get(RegisterMapping, world.site.id) is None  # remembered on import only
    db.session.rollback()
    client.post(f"/people/import/{upload_id}/confirm")
    assert _people() == 3

    following = [header, ["Verdi", "Luca", "1990", "+39 333 7654321"]]
    next_id = _upload_id(upload(client, _csv(following), "second.csv"))
    chosen = _selected(_text(client.get(f"/people/import/{next_id}/columns")))
    assert chosen["family_name"] == "Surname of person" and chosen["given_name"] == "First"
    assert chosen["birth"] == "Year" and chosen["phone"] == "Tel"


@pytest.mark.parametrize("locale, header, same_row, bad_day", [
    ("it", ["Riga", "Motivo", "Possibile doppione"],
     "Probabilmente la stessa persona della riga 2.",
     "31/02/1980 non è un giorno del calendario"),
    ("ar", ["الصف", "السبب", "تكرار محتمل"], "على الأرجح الشخص نفسه في الصف 2.",
     "31/02/1980 ليس يومًا موجودًا في التقويم"),
])
def test_the_refused_rows_report_is_in_the_operators_language(make, auth, client, folder,
                                                             locale, header, same_row,
                                                             bad_day):
    build_world(make)
    make.user(email="sup2@example.test", roles=("supervisor",), locale=locale)
    rows = [*SMALL, ["Rossi", "Marco", "1980", ""], ["Neri", "Paolo", "31/02/1980", ""]]
    auth.login("sup2@example.test")
    upload_id = _dry_run(client, _csv(rows), "registro.csv")
    for fmt in ("csv", "xlsx"):
        report = client.get(f"/people/import/{upload_id}/refused.{fmt}")
        assert report.status_code == 200
        assert report.headers["Content-Disposition"].startswith("attachment;")
        if fmt == "csv":
            lines = list(csv.reader(io.StringIO(report.data.decode("utf-8-sig"))))
        else:
            sheet = load_workbook(io.BytesIO(report.data)).active
            lines = [[str(c) if c is not None else "" for c in row]
                     for row in sheet.iter_rows(values_only=True)]
        assert lines[0] == header
        assert lines[1][:2] == ["5", same_row]
        assert lines[2][0] == "6" and bad_day in lines[2][1]
        assert lines[1][2] and not lines[2][2]  # the duplicate is marked, the mistake is not
    page = _text(client.get(f"/people/import/{upload_id}"))
    assert same_row in page
    # Nothing can be imported while a row breaks a rule: there is no button to do it.
    assert f"/people/import/{upload_id}/confirm" not in page
    assert client.post(f"/people/import/{upload_id}/confirm").status_code == 303
    assert _people() == 1


def _checked_upload(client, rows=SMALL) -> int:
    return _dry_run(client, _csv(rows), "registro.csv")


def test_only_the_supervisor_who_uploaded_reaches_an_import(make, auth, client, folder):
    world = build_world(make)
    make.user(email="colleague@example.test", roles=("supervisor",))
    auth.login(SUPERVISOR)
    upload_id = _checked_upload(client)
    auth.logout()
    routes = [("get", "/people/import"), ("post", "/people/import"),
              ("get", f"/people/import/{upload_id}/columns"),
              ("post", f"/people/import/{upload_id}/columns"),
              ("get", f"/people/import/{upload_id}"),
              ("get", f"/people/import/{upload_id}/progress"),
              ("get", f"/people/import/{upload_id}/refused.csv"),
              ("get", f"/people/import/{upload_id}/refused.xlsx"),
              ("post", f"/people/import/{upload_id}/confirm"),
              ("post", f"/people/import/{upload_id}/abandon")]
    # No capability: 403 everywhere. A supervisor, but not the uploader (the colleague at the
    # same desk, the Cuneo supervisor): 404 for the upload, the form of their own for the rest.
    for email, expected in (("desk@example.test", 403), ("legal@example.test", 403),
                            ("admin@example.test", 403), ("colleague@example.test", 404),
                            ("other@example.test", 404)):
        auth.login(email)
        for method, url in routes:
            status = getattr(client, method)(url).status_code
            wanted = (200 if method == "get" else 422) if url == "/people/import" \
                and expected == 404 else expected
            assert status == wanted, (email, method, url, status)
        auth.logout()
    assert _people() == 1 and _uploads()[0].status == "checked"
    assert world.site.code == "TO"


def test_the_progress_address_answers_json_and_the_page_refreshes_without_javascript(
        world, auth, client, folder, monkeypatch):
    from desk.counter import import_upload_services as uploads

    auth.login(SUPERVISOR)
    sent = upload(client, _csv(SMALL), "registro.csv")
    upload_id = _upload_id(sent)
    # The worker has not started yet: the page shows the bar and refreshes by itself.
    monkeypatch.setitem(client.application.extensions, "task_queue", lambda *args: None)
    choose(client, upload_id, {"family_name": "Cognome", "given_name": "Nome"})
    page = _text(client.get(f"/people/import/{upload_id}"))
    assert '<progress max="100" value="0">' in page
    assert '<meta http-equiv="refresh"' in page and "import_progress.js" in page
    progress = client.get(f"/people/import/{upload_id}/progress")
    assert progress.json == {"status": "checking", "done": 0, "total": 3, "percent": 0}
    upload_row = _uploads()[0]
    uploads.write_progress(upload_row, "checking", 2, 3)
    assert client.get(f"/people/import/{upload_id}/progress").json["percent"] == 66
    # Sent again while it is being checked: nothing changes, and the person is told so.
    again = choose(client, upload_id, {"family_name": "Cognome", "given_name": "Nome"})
    assert again.status_code == 302 and _uploads()[0].status == "checking"
    assert tr("This file is already being checked or imported.") in _text(
        client.get(f"/people/import/{upload_id}"))


def _refused(response) -> str:
    assert response.status_code == 422, response.status_code
    return _text(response)


def _book(fill) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Cognome", "Nome", "Anno"])
    sheet.append(["Rossi", "Marco", "1980"])
    fill(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _blank_first_row(sheet):
    sheet.insert_rows(1)


BAD_FILES = {
    "empty": (b"", "r.csv", "The file is empty."),
    "only a header": (b"Cognome;Nome\n", "r.csv", "The file has a header but no rows under it."),
    "no header": (_book(_blank_first_row), "r.xlsx",
                  "The first row must name the columns; it is empty."),
    "empty header cell": (b"Cognome;;Anno\nRossi;Marco;1980\n", "r.csv", None),
    "merged cells": (_book(lambda s: s.merge_cells("A2:B2")), "r.xlsx", None),
    "formula": (_book(lambda s: s.__setitem__("C2", "=1970+10")), "r.xlsx", None),
    "unknown encoding": (b"Cognome;Nome\n\x81\x8d;\x8f\x90\n", "r.csv",
                         "The encoding of the file is not recognised: save it as CSV UTF-8 and "
                         "try again."),
    "a pdf named csv": (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "r.csv",
                        "This file is neither a CSV nor an XLSX spreadsheet."),
    "an old excel file": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "r.xlsx",
                          "This is an old Excel file (.xls): open it and save it as .xlsx or as "
                          "CSV UTF-8, then try again."),
    "a zip that is no spreadsheet": (b"PK\x03\x04" + b"\x00" * 40, "r.xlsx",
                                     "This is not a readable XLSX file."),
    "twin columns": (b"Nome;Cognome;nome\nMarco;Rossi;M\n", "r.csv",
                     "Two columns are both named %(name)s: rename one of them, then try again."),
}


@pytest.mark.parametrize("problem", sorted(BAD_FILES))
def test_a_file_the_desk_cannot_read_faithfully_is_refused_and_nothing_is_kept(
        world, auth, client, folder, problem):
    content, name, message = BAD_FILES[problem]
    auth.login(SUPERVISOR)
    page = _refused(upload(client, content, name))
    if message is not None:
        assert tr(message, name="nome") in page
    else:  # the messages of common.tables, tested there; here: said next to the file
        assert 'id="file-error"' in page
    assert _uploads() == [] and _files(folder) == [] and _people() == 1


def test_a_file_too_large_is_refused_with_the_forms_message(world, auth, client, folder, app):
    app.config["REGISTER_UPLOAD_MAX_BYTES"] = 1000
    auth.login(SUPERVISOR)
    page = _refused(upload(client, b"Cognome;Nome\n" + b"Rossi;Marco\n" * 200, "r.csv"))
    assert tr("The file is too large (at most %(size)d MB).", size=1) in page
    assert _uploads() == [] and _files(folder) == []


def test_the_type_is_read_from_the_content_not_the_name(world, auth, client, folder):
    auth.login(SUPERVISOR)
    sent = upload(client, _csv([*SMALL, ["Loré", "Zoë", "1970", ""]], "cp1252"), "registro.xlsx")
    assert sent.status_code == 302
    assert _uploads()[0].encoding == "cp1252"
    assert tr("The file was read as %(encoding)s: now say which column holds what.",
              encoding="Windows-1252") in _text(client.get(sent.headers["Location"]))
    assert [p.suffix for p in _files(folder)] == [".csv"]  # kept under a name of its own


@pytest.mark.parametrize("mapping, field, message", [
    ({"family_name": "Cognome"}, "given_name", "Choose the column that holds this field."),
    ({"family_name": "Cognome", "given_name": "Nome", "phone": "Nome"}, "phone",
     "This column is already chosen for “%(field)s”: choose another one."),
    ({"family_name": "Cognome", "given_name": "Not a column"}, "given_name", None),
])
def test_a_mapping_that_cannot_be_right_is_refused_next_to_its_field(
        world, auth, client, folder, mapping, field, message):
    auth.login(SUPERVISOR)
    upload_id = _upload_id(upload(client, _csv(SMALL), "registro.csv"))
    page = _refused(choose(client, upload_id, mapping))
    assert f'id="{field}-error"' in page
    if message:
        assert tr(message, field=tr("Given name (Latin letters)")) in page
    assert _uploads()[0].status == "uploaded" and _people() == 1
    assert db.session.get(RegisterMapping, world.site.id) is None


def test_a_stale_upload_is_refused_and_imports_nothing(world, auth, client, folder, clock):
    auth.login(SUPERVISOR)
    upload_id = _checked_upload(client)
    clock.set(clock.now() + timedelta(hours=25))
    auth.login(SUPERVISOR)
    message = tr("This upload is too old to be used: upload the file again.")
    assert message in _text(client.get(f"/people/import/{upload_id}"))
    confirmed = client.post(f"/people/import/{upload_id}/confirm")
    assert confirmed.status_code == 303
    assert message in _text(client.get(f"/people/import/{upload_id}"))
    assert _people() == 1 and _uploads()[0].status == "checked"
    # The next upload clears what was left behind.
    upload(client, _csv(SMALL), "again.csv")
    first, second = _uploads()
    assert first.status == "abandoned" and first.stored_name is None
    assert len(_files(folder)) == 1


def test_a_double_submit_imports_once(world, auth, client, folder):
    auth.login(SUPERVISOR)
    token_page = _text(client.get("/people/import"))
    token = re.search(r'name="form_token"[^>]*value="([^"]+)"', token_page)[1]
    first = upload(client, _csv(SMALL), "registro.csv", form_token=token)
    twin = upload(client, _csv(SMALL), "registro.csv", form_token=token)
    assert twin.headers["Location"] == first.headers["Location"]
    assert len(_uploads()) == 1 and len(_files(folder)) == 1
    upload_id = _upload_id(first)
    choose(client, upload_id, {"family_name": "Cognome", "given_name": "Nome",
                               "birth": "Anno di nascita"})
    client.post(f"/people/import/{upload_id}/confirm")
    client.post(f"/people/import/{upload_id}/confirm")
    assert _people() == 4
    assert tr("This import has already been started.") in _text(
        client.get(f"/people/import/{upload_id}"))
    imports = db.session.scalars(select(AuditLog).where(AuditLog.action == "import_people"))
    assert len(imports.all()) == 1


def test_a_failure_during_the_import_leaves_no_one_imported(world, auth, client, folder,
                                                            monkeypatch):
    from desk.counter import services

    written = []
    real = services.register_people

    def fail_on_the_second_batch(actor, site, many):
        written.append(len(many))
        if len(written) == 2:
            raise RuntimeError("the disk is full")
        return real(actor, site, many)

    monkeypatch.setattr(registers, "WRITE_CHUNK", 2)
    monkeypatch.setattr(registers, "register_people", fail_on_the_second_batch)
    auth.login(SUPERVISOR)
    upload_id = _checked_upload(client)
    client.post(f"/people/import/{upload_id}/confirm")
    assert written == [2, 1]
    assert _people() == 1 and _accesses() == 0
    upload_row = _uploads()[0]
    assert upload_row.status == "failed" and len(_files(folder)) == 1
    assert tr("The import stopped on an unexpected error and nothing was imported. Try again, "
              "or ask the administrator.") in _text(client.get(f"/people/import/{upload_id}"))
    assert db.session.scalars(select(AuditLog).where(
        AuditLog.action.in_(("import_people", "create")))).all() == []
    abandoned = client.post(f"/people/import/{upload_id}/abandon")
    assert abandoned.status_code == 303 and _files(folder) == []


@pytest.mark.skipif(bool(PG_URL), reason="SQLite's one write lock (PostgreSQL locks rows)")
def test_the_desk_keeps_registering_while_a_register_is_checked(world, auth, client, folder,
                                                                 monkeypatch):
    """The dry run of a big register takes a while: meanwhile the counter must not wait."""
    path = db.engine.url.database
    tried = []

    def write_meanwhile(upload, phase, done, total):
        if phase != "checking":
            return
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # what a registration at the counter begins with
            other.execute("ROLLBACK")
            tried.append("written")
        except sqlite3.OperationalError as problem:
            tried.append(str(problem))
        finally:
            other.close()

    monkeypatch.setattr(registers, "CHUNK", 1)
    monkeypatch.setattr(jobs, "write_progress", write_meanwhile)
    auth.login(SUPERVISOR)
    upload_id = _checked_upload(client)
    assert tried == ["written"] * 3
    checked = _uploads()[0]
    assert (checked.id, checked.status, checked.to_import) == (upload_id, "checked", 3)


def test_a_check_read_before_the_upload_was_queued_again_writes_nothing(world, auth, client,
                                                                         folder, monkeypatch):
    """Twin deliveries of a check read at the same time; the one whose upload was queued again
    while it read (new columns chosen) leaves the result to the run queued last."""
    from datetime import datetime

    from sqlalchemy import update

    from desk.ops.register_jobs import run_register_job

    real = jobs.dry_run
    stale = []

    def queued_again_meanwhile(upload):
        result = real(upload)
        if not stale:
            stale.append(upload.id)
            with db.engine.begin() as other:
                other.execute(update(RegisterUpload).where(RegisterUpload.id == upload.id)
                              .values(updated_at=datetime(2030, 1, 1)))
        return result

    monkeypatch.setattr(jobs, "dry_run", queued_again_meanwhile)
    auth.login(SUPERVISOR)
    upload_id = _checked_upload(client)
    waiting = _uploads()[0]
    assert (waiting.id, waiting.status, waiting.to_import) == (upload_id, "checking", 0)
    with client.application.app_context():
        run_register_job(upload_id, "check")  # the run queued last
    checked = _uploads()[0]
    assert (checked.status, checked.to_import) == ("checked", 3)
