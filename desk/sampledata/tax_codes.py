"""Codici fiscali for sample people, built by the official rules (foreign-born: Z + country)."""

import random
from datetime import date

from anyascii import anyascii
from sqlalchemy import select
from stdnum.it import codicefiscale

from ..extensions import db
from ..models.people import Person, ResidenceDocument

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


# Omocodia: when a code is already taken, the Agenzia delle Entrate replaces its digits, the
# rightmost first, by letters (0 -> L ... 9 -> V) and recomputes the check character.
_OMOCODE_LETTERS = "LMNPQRSTUV"
_DIGIT_POSITIONS = (14, 13, 12, 10, 9, 7, 6)


def omocodes(code: str) -> list[str]:
    """The variants of `code` given to later homonyms, in the order they are given."""
    body, variants = list(code[:15]), []
    for position in _DIGIT_POSITIONS:
        body[position] = _OMOCODE_LETTERS[int(body[position])]
        text = "".join(body)
        variants.append(text + codicefiscale.calc_check_digit(text))
    return variants


def base_form(code: str) -> str:
    """The code before any omocodia substitution."""
    body = list(code[:15])
    for position in _DIGIT_POSITIONS:
        if body[position] in _OMOCODE_LETTERS:
            body[position] = str(_OMOCODE_LETTERS.index(body[position]))
    text = "".join(body)
    return text + codicefiscale.calc_check_digit(text)


class IdentifierBook:
    """The strong identifiers already given out, so that sample people never share one (the
    database refuses a second holder): tax codes by omocodia, documents by a new number."""

    def __init__(self, tax_codes=(), documents=()):
        self.tax_codes = set(tax_codes)
        self.documents = set(documents)
        self._spare = random.Random(len(self.documents))

    def tax_code(self, code: str) -> str | None:
        for candidate in (code, *omocodes(code)):
            if candidate not in self.tax_codes:
                self.tax_codes.add(candidate)
                return candidate
        return None

    def document(self, doc_type: str, rng, new_number) -> str | None:
        """A number for a document of `doc_type` that nobody holds; `new_number(rng)` draws
        one. Draws after a clash come from a generator of their own, so that the caller's
        `rng` (and what it builds next) is the same whatever the database already held."""
        number = new_number(rng)
        while number is not None and (doc_type, number) in self.documents:
            number = new_number(self._spare)
        if number is not None:
            self.documents.add((doc_type, number))
        return number


def existing_identifiers() -> IdentifierBook:
    """A book of the strong identifiers the database already holds."""
    return IdentifierBook(
        db.session.scalars(select(Person.tax_code).where(Person.tax_code.is_not(None))),
        (tuple(row) for row in db.session.execute(
            select(ResidenceDocument.doc_type, ResidenceDocument.number)
            .where(ResidenceDocument.number.is_not(None)))))
