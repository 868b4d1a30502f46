"""Importing a desk's existing register through the pages, as a supervisor: upload, columns
(remembered per site), dry run with the first rows as they will be stored, the refused rows'
report in the operator's language, then one transaction for the whole file or nothing."""

import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.common import tables
from desk.counter import import_services as registers
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access
from desk.models.people import Person
from desk.models.register_imports import RegisterUpload

from .casework import build_world
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
