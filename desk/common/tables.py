"""Spreadsheets in and out, the same way for every import and export: CSV or XLSX read into
rows of text, saying which encoding a CSV was in; files the desk cannot read faithfully
(formulas, merged cells, a column without a header) refused with a message saying what to do.
"""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                  "cp1252": "Windows-1252", "xlsx": "XLSX"}


class UnreadableFile(ValueError):
    pass


@dataclass
class Table:
    rows: list[list[str]]
    encoding: str  # a key of ENCODING_NAMES

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES[self.encoding]


def decode(content: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding it was in: a BOM says UTF-8 or UTF-16; otherwise
    UTF-8 if it decodes as such, else Windows-1252 (what Excel on Windows saves)."""
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise UnreadableFile(_("The file says it is UTF-16 but is damaged: save it again "
                                   "as CSV UTF-8.")) from None
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise UnreadableFile(_("The encoding of the file is not recognised: save it as CSV "
                               "UTF-8 and try again.")) from None


def _csv_rows(text: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]+)"')


def _merged_ranges(book, sheet) -> list[str]:
    """The merged ranges of a sheet opened read-only (which does not parse them): read from
    the sheet's own XML."""
    path = getattr(sheet, "_worksheet_path", None)
    if path is None:
        return []
    with book._archive.open(path) as source:
        return sorted(match.decode() for match in _MERGED.findall(source.read()))


def _xlsx_rows(content: bytes, strict: bool) -> list[list[str]]:
    """Read-only: rows streamed from the sheet's XML, several times faster on a long register
    than a workbook held whole in memory."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnreadableFile(_("This is not a readable XLSX file.")) from None
    try:
        sheet = book.active
        if strict and (merged := _merged_ranges(book, sheet)):
            raise UnreadableFile(_("The sheet has merged cells (for example %(cells)s): unmerge "
                                   "them so that each row has its own values, then try again.",
                                   cells=merged[0]))
        rows = []
        for row in sheet.iter_rows():
            values = []
            for cell in row:
                if strict and cell.data_type == "f":
                    raise UnreadableFile(_("Cell %(cell)s holds a formula: copy the sheet and "
                                           "paste it as values only, then try again.",
                                           cell=cell.coordinate))
                values.append(_cell_text(cell.value))
            rows.append(values)
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnreadableFile(_("This is not a readable XLSX file.")) from None
    finally:
        book.close()
    return rows


def read_table(filename: str, content: bytes, max_bytes: int, strict: bool = False) -> Table:
    """The rows of an uploaded CSV or XLSX file, as text. `strict` also refuses formulas,
    merged cells and columns without a header (registers of people)."""
    if len(content) > max_bytes:
        raise UnreadableFile(_("The file is too large (at most %(size)d MB).",
                               size=max(1, max_bytes // 1_000_000)))
    if filename.lower().endswith(".xlsx") or content.startswith(b"PK\x03\x04"):
        rows, encoding = _xlsx_rows(content, strict), "xlsx"
    else:
        text, encoding = decode(content)
        rows = _csv_rows(text)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if strict and rows:
        header = rows[0]
        while header and not header[-1].strip():
            header = header[:-1]
        if not header:
            raise UnreadableFile(_("The first row must name the columns; it is empty."))
        for index, name in enumerate(header):
            if not name.strip():
                raise UnreadableFile(_("Column %(column)s has no name in the first row: write "
                                       "one, or delete the column.",
                                       column=get_column_letter(index + 1)))
        rows[0] = header
    return Table(rows, encoding)


def to_csv(rows) -> bytes:
    """UTF-8 with a BOM, so that Excel opens accented letters and other scripts right."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows, title: str = "sheet") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
