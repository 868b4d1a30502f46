"""Reading what the operator typed in the one search box: names, dates, phone, documents."""

import re
from dataclasses import dataclass, field
from datetime import date

import phonenumbers

from .search_keys import normalise_name

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{6,24}$")
_SEPARATORS = re.compile(r"[\s().\-/]+")
MAX_QUERY = 200


class DateProblem(ValueError):
    """A date shaped like dd/mm/yyyy that is not in the calendar (31/02/1990)."""


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    birth_date: date | None = None
    birth_year: int | None = None
    phones: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # codes: "bad_date"

    @property
    def empty(self) -> bool:
        return not (self.words or self.birth_year or self.phones or self.identifiers)


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy or yyyy-mm-dd; None if not shaped like a date;
    DateProblem if shaped like one but not in the calendar."""
    text = text.strip()
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _YMD.match(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateProblem(text) from error


def normalise_phone(text: str, region: str = "IT") -> str | None:
    """E.164 form of a valid phone number, else None."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def compact_identifier(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


def _read_token(token: str, parsed: ParsedQuery) -> None:
    try:
        when = parse_date(token)
    except DateProblem:
        parsed.problems.append("bad_date")
        parsed.birth_year = int(token[-4:]) if token[-4:].isdigit() else None
        return
    if when:
        parsed.birth_date, parsed.birth_year = when, when.year
    elif token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100:
        parsed.birth_year = int(token)
    elif any(char.isdigit() for char in token):
        _read_identifier(token, parsed)
    else:
        parsed.words.extend(w for w in normalise_name(token).split() if w not in parsed.words)


def _read_identifier(text: str, parsed: ParsedQuery) -> None:
    phone = normalise_phone(text)
    if phone:
        parsed.phones.append(phone)
    compact = compact_identifier(text)
    if len(compact) >= 4:
        parsed.identifiers.append(compact[:40])


def parse_query(text: str | None) -> ParsedQuery:
    parsed = ParsedQuery()
    text = (text or "").strip()[:MAX_QUERY]
    if not text:
        return parsed
    if _PHONE_LIKE.match(text) and sum(c.isdigit() for c in text) >= 6:
        try:
            is_date = parse_date(text) is not None
        except DateProblem:
            is_date = True
        if not is_date:
            _read_identifier(_SEPARATORS.sub("", text) if text[0] != "+" else text, parsed)
            return parsed
    tokens = text.replace(",", " ").split()
    if _is_spaced_identifier(tokens):
        _read_identifier("".join(tokens), parsed)
        return parsed
    for token in tokens:
        _read_token(token, parsed)
    return parsed


def _is_spaced_identifier(tokens: list[str]) -> bool:
    """'AB 1234567': a document number typed with spaces, not a name plus a number."""
    if len(tokens) < 2 or len(tokens) > 4:
        return False
    with_digits = [t for t in tokens if any(c.isdigit() for c in t)]
    if not with_digits or any(_YMD.match(t) or _DMY.match(t) or len(t) == 4 and t.isdigit()
                              for t in with_digits):
        return False
    return all(len(t) <= 3 for t in tokens if t not in with_digits)
