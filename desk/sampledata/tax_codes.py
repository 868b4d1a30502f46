"""Codici fiscali for sample people, built by the official rules (foreign-born: Z + country)."""

from datetime import date

from anyascii import anyascii
from stdnum.it import codicefiscale

_CF_MONTHS = "ABCDEHLMPRST"


def tax_code(family: str, given: str, birth: date, sex: str, belfiore: str) -> str:
    """A codice fiscale built by the official rules (foreign-born: Z + country code)."""
    day = birth.day + (40 if sex == "F" else 0)
    body = (
        _cf_letters(family, given=False)
        + _cf_letters(given, given=True)
        + f"{birth.year % 100:02d}{_CF_MONTHS[birth.month - 1]}{day:02d}{belfiore}"
    )
    return codicefiscale.validate(body + codicefiscale.calc_check_digit(body))


def _cf_letters(name: str, given: bool) -> str:
    letters = [c for c in anyascii(name).upper() if "A" <= c <= "Z"]
    consonants = [c for c in letters if c not in "AEIOU"]
    vowels = [c for c in letters if c in "AEIOU"]
    if given and len(consonants) >= 4:
        return consonants[0] + consonants[2] + consonants[3]
    return "".join((consonants + vowels + ["X", "X", "X"])[:3])
