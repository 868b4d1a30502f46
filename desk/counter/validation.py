"""Checks and normalisation of what the operator types about a person.

Each function returns the normalised value or raises wtforms.ValidationError with a
translated message that says what to do.
"""

import unicodedata
from datetime import date

from flask_babel import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale
from wtforms.validators import ValidationError

from ..common.clock import today
from .search_parse import DateProblem, compact_identifier, normalise_phone, parse_date

NAME_PUNCTUATION = set(" '-.’")
JOINERS = {"\u200c", "\u200d"}  # used inside Persian, Bengali, ... words


def _letters_only(value: str, latin: bool) -> bool:
    for char in value:
        if char in NAME_PUNCTUATION or (not latin and char in JOINERS):
            continue
        category = unicodedata.category(char)
        if category.startswith("M") and not latin:
            continue
        if not category.startswith("L") and not (latin and category == "Mn"):
            return False
        if latin and category.startswith("L") and "LATIN" not in unicodedata.name(char, ""):
            return False
    return True


def clean_name(value: str | None, latin: bool = True) -> str | None:
    value = " ".join((value or "").split())
    if not value:
        return None
    if latin and not _letters_only(value, latin=True):
        raise ValidationError(_("Write the name in Latin letters here (A–Z, accents allowed); "
                                "use the original-script field for other alphabets."))
    if not latin and not _letters_only(value, latin=False):
        raise ValidationError(_("A name may contain only letters, spaces, apostrophes "
                                "and hyphens."))
    return value


def clean_birth(value: str | None) -> tuple[int | None, date | None]:
    """'1990' -> (1990, None); '12/03/1990' -> (1990, date); empty -> (None, None)."""
    value = (value or "").strip()
    if not value:
        return None, None
    if value.isdigit() and len(value) == 4:
        year, when = int(value), None
    else:
        try:
            when = parse_date(value)
        except DateProblem:
            raise ValidationError(_("%(value)s is not a day in the calendar (that month has "
                                    "fewer days). Check day and month, or write only the year.",
                                    value=value[:20])) from None
        if when is None:
            raise ValidationError(_("Write the date as dd/mm/yyyy (for example 05/11/1990), "
                                    "or only the year if the day is not known."))
        year = when.year
    if year < 1900:
        raise ValidationError(_("The year of birth must be 1900 or later."))
    if (when or date(year, 1, 1)) > today():
        raise ValidationError(_("The date of birth cannot be in the future."))
    return year, when


def clean_phone(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 32:
        raise ValidationError(_("This phone number is too long."))
    number = normalise_phone(value)
    if number is None:
        raise ValidationError(_("This is not a valid phone number. Write an Italian number "
                                "(e.g. 333 123 4567) or a foreign one with its prefix "
                                "(e.g. +33 6 12 34 56 78)."))
    return number


def clean_tax_code(value: str | None) -> str | None:
    value = compact_identifier(value or "")
    if not value:
        return None
    try:
        return codicefiscale.validate(value[:32])
    except StdnumError:
        raise ValidationError(_("This tax code (codice fiscale) is not valid: check each "
                                "character, it has 16 letters and digits.")) from None


def clean_document_number(value: str | None) -> str | None:
    raw = (value or "").strip()
    if not raw:
        return None
    number = compact_identifier(raw)
    if len(number) < 3 or len(number) > 40 or len(raw) > 60:
        raise ValidationError(_("A document number has 3 to 40 letters and digits."))
    return number


def clean_expiry(value: str | None) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        when = parse_date(value)
    except DateProblem:
        when = None
    if when is None:
        raise ValidationError(_("Write the expiry date as dd/mm/yyyy, for example 31/12/2027."))
    return when
