"""CSV and XLSX files from tables. Exports never contain notes or other free text."""

import csv
import io
import re

from flask import Response
from openpyxl import Workbook

from ..common.spreadsheet import safe_row
from .tables import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(tables: list[Table]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for number, table in enumerate(tables):
        if len(tables) > 1:
            if number:
                writer.writerow([])
            writer.writerow(safe_row([table.title]))
        writer.writerow(safe_row(table.flat_header()))
        writer.writerows([safe_row(row) for row in table.flat_rows()])
    return out.getvalue().encode("utf-8-sig")


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28].strip() or "Sheet"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:25]} {n}"
    used.add(name)
    return name


def xlsx_bytes(tables: list[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append(safe_row(table.flat_header()))
        for row in table.flat_rows():
            sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_response(tables: list[Table], fmt: str, name: str) -> Response:
    if fmt == "xlsx":
        body, mimetype = xlsx_bytes(tables), XLSX_TYPE
    else:
        body, mimetype = csv_bytes(tables), "text/csv; charset=utf-8"
    response = Response(body, mimetype=mimetype)
    return attachment(response, f"{name}.{fmt}")


def attachment(response: Response, filename: str) -> Response:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", filename)
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response
