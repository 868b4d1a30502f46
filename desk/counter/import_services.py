"""Importing a desk's existing register of people (CSV or XLSX), for a supervisor or an
administrator migrating a desk.

Each row is checked with the registration form's own rules (counter.validation) and against
the people already registered and the earlier rows of the file with the search's own matching
(counter.search): the same identifiers, or a very similar name with a compatible birth year.
A check writes nothing (the dry run). An import writes the whole file in the caller's one
transaction, or nothing: any row that breaks a rule stops it; a likely duplicate is not
imported and is listed in the report with the person it resembles.
"""

from dataclasses import dataclass, field
from datetime import datetime, time
from itertools import chain

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.validators import ValidationError

from ..audit.services import audit
from ..common.clock import today
from ..extensions import db
from ..identity.identifier_services import taken_tax_codes
from ..models.cases import Access, AccessNeed
from ..models.people import Person
from ..models.register_imports import RegisterMapping
from ..policy import person_condition
from ..vocab.codes import NEEDS, SEXES
from ..vocab.names import is_country, is_language
from . import validation
from .search import DUPLICATE_SCORE, NameMatches, name_score, registered_duplicates
from .search_keys import name_key, phonetic
from .search_parse import DateProblem, parse_date
from .services import PersonData, register_people

FIELDS = ("given_name", "family_name", "given_name_original", "family_name_original", "birth",
          "sex", "nationality", "languages", "preferred_language", "phone", "tax_code",
          "last_access", "needs")
REQUIRED = ("given_name", "family_name")
# Headers a desk's register commonly has, for a first guess at the mapping.
ALIASES = {
    "given_name": {"nome", "first name", "given name", "prenom", "prénom"},
    "family_name": {"cognome", "surname", "last name", "family name", "nom"},
    "given_name_original": {"nome originale", "given name original"},
    "family_name_original": {"cognome originale", "family name original"},
    "birth": {"data di nascita", "nato il", "anno di nascita", "date of birth", "birth date",
              "birth_date", "birth_year", "nascita"},
    "sex": {"sesso", "gender", "genere"},
    "nationality": {"nazionalità", "nazionalita", "cittadinanza", "country"},
    "languages": {"lingue", "lingue parlate"},
    "preferred_language": {"lingua", "lingua preferita", "language"},
    "phone": {"telefono", "cellulare", "tel", "telephone"},
    "tax_code": {"codice fiscale", "cf", "tax code"},
    "last_access": {"ultimo accesso", "ultimo_accesso", "last access", "data accesso"},
    "needs": {"bisogni", "bisogno", "need"},
}
MAX_ROWS = 50_000
# Rows whose likely duplicates are looked up together (a few statements per chunk).
CHUNK = 1000
# People written together (one flush each).
WRITE_CHUNK = 1000


@dataclass
class Refusal:
    line: int
    reason: str
    duplicate: bool = False
    person_id: int | None = None  # the person already registered it resembles


@dataclass
class Row:
    line: int
    data: PersonData
    last_access: datetime | None = None
    needs: list[str] = field(default_factory=list)


@dataclass
class RegisterCheck:
    accepted: list[Row] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    @property
    def invalid(self) -> list[Refusal]:
        return [r for r in self.refused if not r.duplicate]

    @property
    def duplicates(self) -> list[Refusal]:
        return [r for r in self.refused if r.duplicate]


class MappingProblem(ValueError):
    pass


def guess_mapping(header: list[str], remembered: dict | None = None) -> dict[str, str]:
    """{field: header}: what the site used last time when those headers are there, else the
    header named like the field (in English or Italian)."""
    names = {h.strip().lower(): h for h in header}
    mapping = {}
    for name in FIELDS:
        previous = (remembered or {}).get(name)
        if previous in header:
            mapping[name] = previous
        elif name in names or name.replace("_", " ") in names:
            mapping[name] = names.get(name) or names[name.replace("_", " ")]
        else:
            mapping[name] = next((names[a] for a in ALIASES.get(name, ()) if a in names), "")
    return mapping


def remembered_mapping(site) -> dict:
    row = db.session.get(RegisterMapping, site.id)
    return dict(row.columns) if row else {}


def remember_mapping(actor, site, mapping: dict) -> None:
    row = db.session.get(RegisterMapping, site.id)
    if row is None:
        row = RegisterMapping(site_id=site.id)
        db.session.add(row)
    row.columns = {k: v for k, v in mapping.items() if v}
    row.updated_by_id = actor.id
    db.session.flush()


def _check_mapping(header: list[str], mapping: dict) -> dict[str, int]:
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise MappingProblem(_("Unknown field %(field)s in the mapping.", field=unknown[0]))
    missing = [f for f in REQUIRED if not mapping.get(f)]
    if missing:
        raise MappingProblem(_("Choose the columns of the given name and of the family name."))
    positions = {}
    for name, column in mapping.items():
        if not column:
            continue
        if column not in header:
            raise MappingProblem(_("The file has no column %(column)s.", column=column))
        positions[name] = header.index(column)
    return positions


def _codes(text: str) -> list[str]:
    return [c for c in text.replace(",", " ").replace(";", " ").split() if c]


def _row(cells: dict[str, str], line: int) -> Row:
    """One row as it will be stored, or ValidationError with the form's own message."""
    given = validation.clean_name(cells.get("given_name"))
    family = validation.clean_name(cells.get("family_name"))
    if not given or not family:
        raise ValidationError(_("Write the given name and the family name."))
    if len(given) > 120 or len(family) > 120:
        raise ValidationError(_("At most 120 characters."))
    birth_year, birth_date = validation.clean_birth(cells.get("birth"))
    sex = (cells.get("sex") or "U").strip().upper()[:1]
    if sex not in SEXES:
        raise ValidationError(_("Sex is one of F, M, X or U (not stated)."))
    nationality = (cells.get("nationality") or "").strip().upper() or None
    if nationality and not is_country(nationality):
        raise ValidationError(_("%(code)s is not a country code (ISO 3166, e.g. MA, SN, UA).",
                                code=nationality[:8]))
    languages = [c.lower() for c in _codes(cells.get("languages") or "")]
    preferred = (cells.get("preferred_language") or "").strip().lower() or None
    for code in languages + ([preferred] if preferred else []):
        if not is_language(code):
            raise ValidationError(_("%(code)s is not a language code (ISO 639, e.g. ar, fr, uk).",
                                    code=code[:8]))
    needs = list(dict.fromkeys(_codes(cells.get("needs") or "")))
    if any(need not in NEEDS for need in needs):
        raise ValidationError(_("Unknown need %(code)s: use the codes of the needs list.",
                                code=next(n for n in needs if n not in NEEDS)[:24]))
    last_access = None
    if cells.get("last_access"):
        try:
            day = parse_date(cells["last_access"])
        except DateProblem:
            day = None
        if day is None or day > today():
            raise ValidationError(_("Write the date of the last access as dd/mm/yyyy, not in "
                                    "the future."))
        last_access = datetime.combine(day, time(12, 0))
    if needs and last_access is None:
        raise ValidationError(_("Needs are recorded with an access: give the date of the last "
                                "access too."))
    data = PersonData(
        given_name=given, family_name=family,
        given_name_original=validation.clean_name(cells.get("given_name_original"), latin=False),
        family_name_original=validation.clean_name(cells.get("family_name_original"),
                                                   latin=False),
        sex=sex, birth_year=birth_year, birth_date=birth_date, nationality=nationality,
        languages=languages, preferred_language=preferred,
        phone=validation.clean_phone(cells.get("phone")),
        tax_code=validation.clean_tax_code(cells.get("tax_code")))
    return Row(line, data, last_access, needs)


class _SeenInFile:
    """The rows accepted so far, found the way the search finds people: by identifier, or by
    a name whose words sound alike (the same sound keys) and score as a duplicate. Rows are
    kept by sound and birth year, so that a common name is compared with the rows of the
    years it may be a duplicate in (a year apart at most), not with the whole file."""

    def __init__(self):
        self.identifiers: dict[str, int] = {}
        self.by_sound: dict[str, dict[int | None, list[tuple[int, str]]]] = {}

    def match(self, row: Row) -> int | None:
        data = row.data
        for value in (data.tax_code, data.phone):
            if value and value in self.identifiers:
                return self.identifiers[value]
        key = name_key(data.given_name, data.family_name, data.given_name_original,
                       data.family_name_original)
        words = key.split()
        checked = set()
        for word in words:
            for line, other_key in self._alike(phonetic(word), data.birth_year or None):
                if line in checked:
                    continue
                checked.add(line)
                if name_score(words, other_key) >= DUPLICATE_SCORE:
                    return line
        return None

    def _alike(self, sound: str, year: int | None) -> list[tuple[int, str]]:
        """(line, name key) of the rows with a word of this sound and a birth year compatible
        with `year` (or none), in the order of the file."""
        by_year = self.by_sound.get(sound)
        if not by_year:
            return []
        if year is None:
            groups = list(by_year.values())
        else:
            groups = [by_year[y] for y in (year - 1, year, year + 1, None) if y in by_year]
        return groups[0] if len(groups) == 1 else sorted(chain.from_iterable(groups))

    def add(self, row: Row) -> None:
        data = row.data
        for value in (data.tax_code, data.phone):
            if value:
                self.identifiers.setdefault(value, row.line)
        key = name_key(data.given_name, data.family_name, data.given_name_original,
                       data.family_name_original)
        for word in set(key.split()):
            by_year = self.by_sound.setdefault(phonetic(word), {})
            by_year.setdefault(data.birth_year or None, []).append((row.line, key))


def check_register(actor, table_rows: list[list[str]], mapping: dict,
                   progress=None) -> RegisterCheck:
    """Every row read and judged; nothing written. `progress(done, total)` is told as it goes.
    The people already registered are looked up a chunk of rows at a time."""
    if not table_rows:
        raise MappingProblem(_("The file is empty."))
    header = table_rows[0]
    positions = _check_mapping(header, mapping)
    body = table_rows[1:]
    if len(body) > MAX_ROWS:
        raise MappingProblem(_("At most %(count)d rows at a time.", count=MAX_ROWS))
    check, seen, matches = RegisterCheck(), _SeenInFile(), NameMatches(actor)
    for start in range(0, len(body), CHUNK):
        rows = []
        for number, cells in enumerate(body[start:start + CHUNK], start=start + 2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {name: (cells[i].strip() if i < len(cells) else "")
                      for name, i in positions.items()}
            try:
                rows.append(_row(values, number))
            except ValidationError as problem:
                check.refused.append(Refusal(number, str(problem)))
        _judge(actor, rows, check, seen, matches)
        if progress:
            progress(min(start + CHUNK, len(body)), len(body))
    check.refused.sort(key=lambda r: r.line)
    if progress and not body:
        progress(0, 0)
    return check


def _judge(actor, rows: list[Row], check: RegisterCheck, seen: _SeenInFile,
           matches: NameMatches) -> None:
    """Valid rows in file order: a likely duplicate of an earlier row, or of someone already
    registered, is left out; the others are accepted."""
    registered = registered_duplicates(actor, [row.data for row in rows], matches) if rows else []
    people = _people_named(actor, {p for p in registered if p is not None})
    taken = taken_tax_codes(row.data.tax_code for row in rows)
    for row, person_id in zip(rows, registered, strict=True):
        earlier = seen.match(row)
        if person_id is None and row.data.tax_code in taken:
            check.refused.append(Refusal(row.line, _(
                "This tax code already belongs to a person registered at %(site)s: search for "
                "them, or ask that desk.", site=taken[row.data.tax_code])))
        elif earlier is not None:
            check.refused.append(Refusal(row.line, _("Probably the same person as row "
                                                     "%(line)d.", line=earlier), duplicate=True))
        elif person_id is not None and person_id in people:
            check.refused.append(Refusal(row.line, _(
                "Probably already registered: %(name)s, record %(id)d.",
                name=people[person_id].display_name, id=person_id), duplicate=True,
                person_id=person_id))
        else:
            seen.add(row)
            check.accepted.append(row)


def _people_named(actor, ids: set[int]) -> dict:
    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(
        select(Person).where(Person.id.in_(ids), person_condition(actor)))}


def import_register(actor, site, check: RegisterCheck, *, filename: str,
                    progress=None) -> int:
    """Write every accepted row (likely duplicates are left out); refuses if any row breaks a
    rule, so the register is imported whole or not at all. Flushes; the caller commits once."""
    if check.invalid:
        raise ValueError("a register with refused rows is never written")
    total = len(check.accepted)
    for start in range(0, total, WRITE_CHUNK):
        rows = check.accepted[start:start + WRITE_CHUNK]
        people = register_people(actor, site, [row.data for row in rows])
        accesses = []
        for row, person in zip(rows, people, strict=True):
            if row.last_access is not None:
                access = Access(person_id=person.id, site_id=site.id, channel="walk_in",
                                operator_id=actor.id, occurred_at=row.last_access,
                                outcome="information")
                access.need_rows = [AccessNeed(need=need) for need in row.needs]
                accesses.append(access)
        db.session.add_all(accesses)
        db.session.flush()
        if progress:
            progress(start + len(rows), total)
    audit("import_people", site, user=actor, detail={
        "file": filename[:120], "rows_imported": total,
        "duplicates_left_out": len(check.duplicates)})
    return total


def refusal_rows(check: RegisterCheck) -> list[list]:
    """The refused rows for the downloadable report, headed in the operator's language."""
    rows = [[_("Row"), _("Reason"), _("Likely duplicate")]]
    rows += [[r.line, r.reason, _("yes") if r.duplicate else ""] for r in check.refused]
    return rows

