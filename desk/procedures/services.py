"""Writes of the sheets: a territory's local parts, the reviews, and a sheet given to a
person (on the case's timeline and in the audit). They flush and never commit."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from .. import policy
from ..audit.services import audit
from ..common.refusals import ActionRefused, check_version
from ..extensions import db
from ..models.cases import Case
from ..models.directory import Organisation, Service
from ..models.history import record_event
from ..models.procedures import ProcedureLocal, ProcedureLocalStep, ProcedureSheet

NOT_IN_DIRECTORY = _l("This office is not in the directory of this territory: choose one from "
                      "the list.")


@dataclass
class StepData:
    service_id: int | None = None
    note: str | None = None
    waiting_days: int | None = None


@dataclass
class LocalData:
    steps: dict = field(default_factory=dict)  # step code -> StepData
    reviewed: bool = False
    version: int | None = None


def _check_service(user, province: str, service_id: int | None) -> None:
    if service_id is None:
        return
    found = db.session.scalar(policy.visible_services(user).join(Organisation).where(
        Service.id == service_id, Organisation.province == province))
    if found is None:
        raise ActionRefused(NOT_IN_DIRECTORY)


def save_local(actor, province: str, sheet, data: LocalData, today: date) -> ProcedureLocal:
    """Write a territory's local parts of `sheet` (and, if asked, mark them reviewed today)."""
    local = db.session.scalar(policy.visible_procedure_locals(actor).where(
        ProcedureLocal.province == province, ProcedureLocal.sheet == sheet.code))
    created = local is None
    if created:
        local = ProcedureLocal(province=province, sheet=sheet.code)
        db.session.add(local)
    else:
        check_version(local, data.version)
    changed = {}
    for step in sheet.steps:
        wanted = data.steps.get(step.code, StepData())
        _check_service(actor, province, wanted.service_id)
        row = local.step(step.code)
        if row is None:
            row = ProcedureLocalStep(step=step.code)
            local.steps.append(row)
        before = (row.service_id, row.note, row.waiting_days)
        row.service_id, row.note, row.waiting_days = (wanted.service_id, wanted.note or None,
                                                      wanted.waiting_days)
        if before != (row.service_id, row.note, row.waiting_days):
            changed[step.code] = {"service_id": row.service_id, "waiting_days": row.waiting_days,
                                  "note": bool(row.note)}
    if data.reviewed:
        local.reviewed_on, local.reviewed_by_id = today, actor.id
    db.session.flush()
    audit("create" if created else "update", local,
          detail={"sheet": sheet.code, "province": province, "steps": changed,
                  "reviewed": data.reviewed})
    return local


def review_regional(actor, sheet, today: date) -> ProcedureSheet:
    """Mark the regional text of `sheet` reviewed today."""
    row = db.session.get(ProcedureSheet, sheet.code)
    if row is None:
        row = ProcedureSheet(code=sheet.code)
        db.session.add(row)
    previous = row.reviewed_on
    row.reviewed_on, row.reviewed_by_id = today, actor.id
    db.session.flush()
    audit("update", object_type="procedure_sheet", object_id=None,
          detail={"sheet": sheet.code, "reviewed_on": today.isoformat(),
                  "previous": previous.isoformat() if previous else None})
    return row


def open_case_at(actor, person) -> Case | None:
    """The person's open case at their desk, if the actor may see it."""
    return db.session.scalar(policy.visible_cases(actor).where(
        Case.person_id == person.id, Case.site_id == person.site_id, Case.status != "closed"))


def give_sheet(actor, person, sheet, languages, province: str) -> Case | None:
    """A sheet printed for the person: on their open case's timeline, and in the audit."""
    case = open_case_at(actor, person)
    if case is not None:
        record_event(case, "procedure_sheet_given", actor,
                     payload={"sheet": sheet.code, "language": list(languages)})
    audit("print", person, detail={"procedure_sheet": sheet.code, "languages": list(languages),
                                   "province": province,
                                   "case_id": case.id if case is not None else None})
    db.session.flush()
    return case
