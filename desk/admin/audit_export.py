"""CSV for download, safe to open in a spreadsheet.

A cell that begins with = + - @ (or a tab / carriage return) would be run as a formula by
Excel or LibreOffice: such cells get a leading apostrophe (OWASP "CSV injection").
"""

import csv
import io
from collections.abc import Iterable

from flask import Response

from ..common.spreadsheet import safe_cell


def neutralise(value) -> str:
    return safe_cell("" if value is None else str(value))


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    # A byte-order mark so that spreadsheet programs read UTF-8 names correctly.
    body = "\ufeff" + buffer.getvalue()
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
