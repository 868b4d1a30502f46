"""Merging two records of one person: the survivor keeps, field by field, the value chosen;
every row that points to the other record moves to the survivor; the other record's row is
deleted and a tombstone (models.merges.PersonMerge) keeps its id, leading to the survivor.

One transaction: the service flushes and never commits, so a refusal or a failure midway
leaves both records as they were. The tables that point to a person are read from the
metadata (`person_references`), so a table added later is moved too; each is listed in
MOVES with how it moves, and a test fails when one is missing from it.
"""

import hashlib
import json
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Table, delete, func, select, update

from .. import policy
from ..audit.services import audit
from ..common.clock import utcnow
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.cases import Case
from ..models.history import record_event
from ..models.merges import PersonMerge
from ..models.people import Person
from ..supervision.tally_services import following_people

# The fields compared side by side; a birth date and its year go together.
FIELDS: dict[str, tuple[str, ...]] = {
    "given_name": ("given_name",), "family_name": ("family_name",),
    "given_name_original": ("given_name_original",),
    "family_name_original": ("family_name_original",),
    "birth": ("birth_date", "birth_year"), "sex": ("sex",), "nationality": ("nationality",),
    "preferred_language": ("preferred_language",), "interpreter_needed": ("interpreter_needed",),
    "phone": ("phone",), "tax_code": ("tax_code",),
}
SURVIVOR, OTHER = "survivor", "other"

# How each table that points to a person moves: "move" (the rows now point to the survivor),
# "union" (a row the survivor already has the same of is dropped: the languages), "rebuild"
# (the search index, rebuilt for the survivor's names).
MOVES: dict[tuple[str, str], str] = {
    ("access", "person_id"): "move",
    ("attachment", "person_id"): "move",
    ("case_file", "person_id"): "move",
    ("case_transfer", "person_id"): "move",
    ("consent", "person_id"): "move",
    ("organisation_consent", "person_id"): "move",
    ("person_language", "person_id"): "union",
    ("person_merge", "survivor_id"): "move",
    ("person_name_token", "person_id"): "rebuild",
    ("residence_document", "person_id"): "move",
}

SAME_RECORD = _l("A record cannot be merged with itself: choose the other record of the "
                 "person.")
OTHER_SITE = _l("Only two records of the same desk can be merged. Ask for the person's case "
                "to be transferred to your desk first.")
NOT_ALLOWED = _l("Only a supervisor of the desk of both records can merge them.")
BOTH_OPEN = _l("Both records have an open case. Close one of the two cases first, then merge "
               "the records.")
ON_HOLD = _l("One of the records is under a legal hold: it must stay as it is. Lift the hold "
             "first if the merge is agreed.")
PSEUDONYMISED = _l("One of the records has been pseudonymised: it can no longer be merged.")
STALE = _l("One of the two records changed since you compared them. Compare them again and "
           "confirm.")
BAD_CHOICE = _l("Choose, for each field, which record's value to keep.")


@dataclass
class FieldRow:
    """One compared field: its code, both values, whether they differ."""

    code: str
    survivor: object
    other: object

    @property
    def differs(self) -> bool:
        return self.survivor != self.other


def _value(person: Person, code: str):
    columns = FIELDS[code]
    values = tuple(getattr(person, column) for column in columns)
    return values[0] if len(values) == 1 else values


def compare(survivor: Person, other: Person) -> list[FieldRow]:
    return [FieldRow(code, _value(survivor, code), _value(other, code)) for code in FIELDS]


def fingerprint(survivor: Person, other: Person) -> str:
    """What the comparison showed: the confirmation is refused if either record changed."""
    seen = [survivor.id, other.id, survivor.site_id, other.site_id,
            [[str(row.survivor), str(row.other)] for row in compare(survivor, other)],
            survivor.languages, other.languages]
    return hashlib.sha256(json.dumps(seen, default=str).encode()).hexdigest()


def person_references() -> list[tuple[Table, str]]:
    """Every (table, column) with a foreign key to person.id, read from the metadata."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "person" and fk.column.name == "id"
                   for fk in column.foreign_keys):
                found.append((table, column.name))
    return found


def _has_open_case(person: Person) -> bool:
    return db.session.scalar(select(func.count()).select_from(Case).where(
        Case.person_id == person.id, Case.status != "closed")) > 0


def merge_refusal(actor, survivor: Person, other: Person):
    """Why these two records may not be merged now (a translated message), or None."""
    if survivor.id == other.id:
        return SAME_RECORD
    if survivor.site_id != other.site_id:
        return OTHER_SITE
    if not policy.can_merge_people(actor, survivor, other):
        return NOT_ALLOWED
    if survivor.pseudonymised_at is not None or other.pseudonymised_at is not None:
        return PSEUDONYMISED
    if survivor.legal_hold or other.legal_hold:
        return ON_HOLD
    if _has_open_case(survivor) and _has_open_case(other):
        return BOTH_OPEN
    return None


def _taken_fields(survivor: Person, other: Person, choices: dict[str, str]) -> dict[str, str]:
    taken = {}
    for row in compare(survivor, other):
        choice = choices.get(row.code, SURVIVOR)
        if choice not in (SURVIVOR, OTHER):
            raise ActionRefused(BAD_CHOICE)
        if row.differs:
            taken[row.code] = choice
    return taken


def _apply_fields(survivor: Person, other: Person, taken: dict[str, str]) -> None:
    values = {column: getattr(other, column) for code, choice in taken.items()
              if choice == OTHER for column in FIELDS[code]}
    # The tax code is unique across the database: the other record lets go of it first.
    other.tax_code = None
    db.session.flush()
    for column, value in values.items():
        setattr(survivor, column, value)
    db.session.flush()


def _count(table: Table, column: str, person_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(table)
                             .where(table.c[column] == person_id))


def _move_rows(survivor: Person, other: Person) -> dict[str, int]:
    moved: dict[str, int] = {}
    for table, column in person_references():
        how = MOVES.get((table.name, column), "move")
        count = _count(table, column, other.id)
        if not count:
            continue
        key = table.name if column == "person_id" else f"{table.name}.{column}"
        moved[key] = count
        if how == "rebuild":
            db.session.execute(delete(table).where(table.c[column] == other.id))
            continue
        if how == "union":
            kept = select(table.c.language).where(table.c[column] == survivor.id)
            db.session.execute(delete(table).where(table.c[column] == other.id,
                                                   table.c.language.in_(kept)))
        db.session.execute(update(table).where(table.c[column] == other.id)
                           .values({column: survivor.id}))
    return moved


def _record_on_cases(actor, survivor: Person, other_id: int, now) -> None:
    cases = list(db.session.scalars(select(Case).where(Case.person_id == survivor.id)
                                    .order_by(Case.opened_at.desc(), Case.id.desc())))
    surviving = [case for case in cases if case.status != "closed"] or cases[:1]
    for case in surviving:
        record_event(case, "records_merged", actor, payload={"merged_person_id": other_id},
                     occurred_at=now)


def merge_people(actor, survivor: Person, other: Person, choices: dict[str, str], *,
                 seen: str | None = None, now=None) -> PersonMerge:
    """Merge `other` into `survivor`, keeping the value of each field `choices` names
    ("survivor" or "other"; the survivor's by default). `seen` is the fingerprint of the
    comparison the user confirmed."""
    refusal = merge_refusal(actor, survivor, other)
    if refusal is not None:
        raise ActionRefused(refusal)
    if seen is not None and seen != fingerprint(survivor, other):
        raise ActionRefused(STALE)
    now = now or utcnow()
    taken = _taken_fields(survivor, other, choices)
    other_id = other.id
    _apply_fields(survivor, other, taken)
    with following_people(db.session, [survivor.id, other_id]):
        moved = _move_rows(survivor, other)
        db.session.expunge(other)
        db.session.execute(delete(Person).where(Person.id == other_id))
    db.session.expire(survivor)
    # Imported here: the counter's services import this room's identifier checks, and this
    # room's package loads its views (and so this module) on import.
    from ..counter.services import index_names

    index_names(survivor)
    tombstone = PersonMerge(merged_person_id=other_id, survivor_id=survivor.id,
                            site_id=survivor.site_id, merged_by_id=actor.id, merged_at=now,
                            fields_taken=taken, rows_moved=moved)
    db.session.add(tombstone)
    _record_on_cases(actor, survivor, other_id, now)
    db.session.flush()
    detail = {"merged_person_id": other_id, "fields": taken, "rows": moved}
    audit("merge", survivor, user=actor, detail=detail)
    audit("merge", user=actor, object_type="person", object_id=other_id, person_id=other_id,
          detail={"survivor_id": survivor.id})
    return tombstone
