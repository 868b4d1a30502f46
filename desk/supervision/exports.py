"""CSV, XLSX and zipped CSV files from tables. Exports never contain notes or other free text."""

import csv
import io
import re
import zipfile

from flask import Response
from openpyxl import Workbook

from ..common.spreadsheet import safe_row, set_direction, sheet_title
from .tables import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(tables: list[Table], titled: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for number, table in enumerate(tables):
        if len(tables) > 1 or titled:
            if number:
                writer.writerow([])
            writer.writerow(safe_row([table.title]))
        writer.writerow(safe_row(table.flat_header()))
        writer.writerows([safe_row(row) for row in table.flat_rows()])
    return out.getvalue().encode("utf-8-sig")


def csv_zip_bytes(tables: list[Table]) -> bytes:
    """One CSV file per table, in a zip, numbered in the page's order and named by the
    table's code (ASCII names open everywhere); the title is the first line of each."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, table in enumerate(tables, 1):
            archive.writestr(f"{number:02d}-{table.key}.csv", csv_bytes([table], titled=True))
    return out.getvalue()


def xlsx_bytes(tables: list[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_title(table.title, used))
        set_direction(sheet)
        sheet.append(safe_row(table.flat_header()))
        for row in table.flat_rows():
            sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_response(tables: list[Table], fmt: str, name: str) -> Response:
    if fmt == "xlsx":
        body, mimetype = xlsx_bytes(tables), XLSX_TYPE
    elif fmt == "zip":
        body, mimetype = csv_zip_bytes(tables), "application/zip"
    else:
        body, mimetype = csv_bytes(tables), "text/csv; charset=utf-8"
    response = Response(body, mimetype=mimetype)
    return attachment(response, f"{name}.{fmt}")


def attachment(response: Response, filename: str) -> Response:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", filename)
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response
