"""Cells for CSV and XLSX files that are safe to open in a spreadsheet.

A text cell that begins with = + - @ (or a tab / carriage return, which some programs skip
before reading a formula) would be run as a formula by Excel or LibreOffice ("CSV injection",
OWASP): such cells get a leading apostrophe, which spreadsheets show as plain text.
Numbers, dates and None pass through unchanged.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
