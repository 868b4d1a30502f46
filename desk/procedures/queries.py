"""Reads for the sheets: a sheet with a territory's local parts, the person's own dates,
what is due for review, and the sheets an intake offers."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from .. import policy
from ..extensions import db
from ..models.permits import IDENTITY, NO_EXPIRY, renewal
from ..models.procedures import ProcedureLocal, ProcedureSheet, review_due
from ..vocab import procedures as library

# The renewal is asked at least 60 days before the expiry (TUI art. 5 c. 4); more than 60
# days after it, the person risks expulsion (art. 13 c. 2 b).
ASK_BEFORE_DAYS = 60
GRACE_DAYS = 60


@dataclass(frozen=True)
class LocalStep:
    step: object  # vocab.procedures.Step
    service: object = None  # models.directory.Service of the territory, if named
    note: str | None = None
    waiting_days: int | None = None


@dataclass(frozen=True)
class PersonalDates:
    document: object
    expiry: date
    ask_before: date
    last_day: date
    late: bool  # the day to ask before has passed


def local_parts(user, province: str, code: str) -> ProcedureLocal | None:
    return db.session.scalar(policy.visible_procedure_locals(user).where(
        ProcedureLocal.province == province, ProcedureLocal.sheet == code))


def local_steps(sheet, local: ProcedureLocal | None) -> list[LocalStep]:
    """The sheet's steps with what the territory says; its waiting, else the regional one."""
    steps = []
    for step in sheet.steps:
        row = local.step(step.code) if local is not None else None
        service = row.service if row is not None and row.service and row.service.active else None
        waiting = row.waiting_days if row is not None and row.waiting_days is not None \
            else step.waiting_days
        steps.append(LocalStep(step, service, row.note if row else None, waiting))
    return steps


def checklist(sheet) -> list[str]:
    """Every item to bring along the whole procedure, once, in order of first need."""
    seen = []
    for step in sheet.steps:
        seen += [item for item in step.bring if item not in seen]
    return seen


def renewable_document(person, today: date):
    """The person's residence permit that the renewal sheet is about: the one that needs
    renewing, else the latest-expiring permit."""
    permits = [doc for doc in person.documents if doc.expiry_date
               and doc.doc_type not in NO_EXPIRY and doc.doc_type != IDENTITY]
    due = [doc for doc in permits if renewal(doc, person.documents, today)]
    pool = due or permits
    return max(pool, key=lambda doc: doc.expiry_date) if pool else None


def personal_dates(person, sheet, today: date) -> PersonalDates | None:
    if sheet.code not in (library.RENEWAL, "permit_conversion"):
        return None
    document = renewable_document(person, today)
    if document is None:
        return None
    ask_before = document.expiry_date - timedelta(days=ASK_BEFORE_DAYS)
    return PersonalDates(document, document.expiry_date, ask_before,
                         document.expiry_date + timedelta(days=GRACE_DAYS), today > ask_before)


@dataclass(frozen=True)
class Offer:
    sheet: object
    dates: PersonalDates | None


def offers(person, needs, today: date) -> list[Offer]:
    """The sheets an intake with these needs offers the person, with the person's dates; the
    renewal sheet first when the person has a permit."""
    found = [Offer(sheet, personal_dates(person, sheet, today))
             for sheet in library.offered_for(needs)]
    return sorted(found, key=lambda offer: offer.dates is None)


@dataclass(frozen=True)
class SheetStatus:
    sheet: object
    reviewed_on: date | None
    due: bool
    local: dict  # province -> (reviewed_on, due)


def library_status(user, today: date) -> list[SheetStatus]:
    regional = {row.code: row for row in db.session.scalars(select(ProcedureSheet))}
    locals_ = {(row.province, row.sheet): row
               for row in db.session.scalars(policy.visible_procedure_locals(user))}
    provinces = sorted(policy.procedure_provinces(user))
    statuses = []
    for sheet in library.LIBRARY:
        row = regional.get(sheet.code)
        reviewed = row.reviewed_on if row else None
        local = {}
        for province in provinces:
            local_row = locals_.get((province, sheet.code))
            local_day = local_row.reviewed_on if local_row else None
            local[province] = (local_day, review_due(local_day, today))
        statuses.append(SheetStatus(sheet, reviewed, review_due(reviewed, today), local))
    return statuses


def regional_review(code: str) -> ProcedureSheet | None:
    return db.session.get(ProcedureSheet, code)
