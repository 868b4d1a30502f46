"""Cells for CSV and XLSX files that are safe to open in a spreadsheet.

A text cell that begins with = + - @ (or a tab / carriage return, which some programs skip
before reading a formula) would be run as a formula by Excel or LibreOffice ("CSV injection",
OWASP): such cells get a leading apostrophe, which spreadsheets show as plain text.
Numbers, dates and None pass through unchanged.

Sheets get valid names that are not cut mid-word, and read right to left in Arabic and Urdu.
"""

import re

from flask_babel import get_locale

from .i18n import is_rtl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


# Sheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with an
# apostrophe (Excel's rules; openpyxl refuses the rest).
SHEET_NAME_LENGTH = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
# What is left dangling where a title is cut: spaces, commas (Latin and Arabic), dashes.
_DANGLING = " ,،;؛:-–—·.'"


def _shortened(text: str, room: int) -> str:
    """At most `room` characters, cut between words with an ellipsis, never mid-word."""
    if len(text) <= room:
        return text
    cut = text[:room - 1]
    if " " in cut.strip():
        cut = cut[:cut.rstrip().rfind(" ")]
    return cut.rstrip(_DANGLING) + "…"


def sheet_title(title: str, used: set[str]) -> str:
    """A valid, unique sheet name for `title`, whole when it fits; twins are numbered "(2)"."""
    base = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", title).split()).strip("'") or "Sheet"
    name, number = _shortened(base, SHEET_NAME_LENGTH), 1
    while name.casefold() in {u.casefold() for u in used}:
        number += 1
        suffix = f" ({number})"
        name = _shortened(base, SHEET_NAME_LENGTH - len(suffix)) + suffix
    used.add(name)
    return name


def writing_right_to_left() -> bool:
    """Whether the sheets being written read right to left (Arabic, Urdu: the export's language)."""
    return is_rtl(str(get_locale() or "it"))


def set_direction(sheet) -> None:
    """Right-to-left sheets in a right-to-left language: column A on the right, as in Excel
    opened in Arabic."""
    sheet.sheet_view.rightToLeft = writing_right_to_left()
