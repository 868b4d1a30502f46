"""Erasure by pseudonymisation: identifying data goes, the codes, dates and counts that the
reports need stay (accesses, needs, referrals, nationality, languages, birth year).

Referrals to outside services keep their codes and dates, not what was agreed in words; the
person's consents to share with an organisation are withdrawn (the rows stay, as the record
of what was shared and on what basis, with no identifying data).

The audit log is append-only and holds no names (only ids and codes), so it is kept as it is.
"""

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from ..attachments import services as attachments
from ..audit.services import audit
from ..common.clock import utcnow
from ..extensions import db
from ..models.cases import Access, Case, Referral
from ..models.external_referrals import ExternalReferral, OrganisationConsent
from ..models.history import EntryTranslation, Note, TimelineEvent
from ..models.people import Person, PersonNameToken
from ..models.plan import Appointment, CarePlanGoal, CaseConference
from ..policy import person_records

REMOVED = "[removed]"
# Why a person is pseudonymised; stored in the audit log as a code.
BASES = ("request", "retention")
# Timeline payload keys that hold free text (everything else is codes and ids).
FREE_TEXT_PAYLOAD_KEYS = ("reason",)
FREE_TEXT_PAYLOAD_KINDS = ("consent_override",)


class ErasureRefused(Exception):
    """The person may not be pseudonymised now; `code` says why (open_case, legal_hold, done)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class Obstacle:
    code: str
    case: Case | None = None


def open_cases(actor, person: Person) -> list[Case]:
    return list(db.session.scalars(
        person_records(actor, Case, person.id).where(Case.status != "closed").order_by(Case.id)))


def obstacles(actor, person: Person) -> list[Obstacle]:
    """What stops the pseudonymisation of `person` now (empty: nothing)."""
    found = []
    if person.pseudonymised_at is not None:
        found.append(Obstacle("done"))
    if person.legal_hold:
        found.append(Obstacle("legal_hold"))
    found.extend(Obstacle("open_case", case) for case in open_cases(actor, person))
    return found


def pseudonym(person: Person) -> tuple[str, str]:
    return "Persona", f"#{person.id}"


def _scrub_person(actor, person: Person) -> None:
    person.given_name, person.family_name = pseudonym(person)
    person.given_name_original = person.family_name_original = None
    person.name_key = ""
    db.session.execute(delete(PersonNameToken).where(PersonNameToken.person_id == person.id))
    if person.birth_date is not None and person.birth_year is None:
        person.birth_year = person.birth_date.year
    person.birth_date = None
    person.phone = person.tax_code = person.form_token = None
    for document in person.documents:
        document.number = None
    for consent in person.consents:
        consent.note = None
    for consent in db.session.scalars(person_records(actor, OrganisationConsent, person.id)
                                      .where(OrganisationConsent.withdrawn_at.is_(None))):
        consent.withdrawn_at = utcnow()


def _scrub_cases(case_ids: list[int], counts: dict) -> None:
    for access in db.session.scalars(select(Access).where(Access.case_id.in_(case_ids))):
        access.description = None
    for referral in db.session.scalars(select(Referral).where(Referral.case_id.in_(case_ids))):
        referral.reason_text = referral.decline_text = None
    for referral in db.session.scalars(
            select(ExternalReferral).where(ExternalReferral.case_id.in_(case_ids))):
        referral.agreed = None
    notes = db.session.scalars(select(Note).where(Note.case_id.in_(case_ids))
                               .options(selectinload(Note.translations))).all()
    for note in notes:
        note.body = REMOVED
        for translation in note.translations:
            translation.body = REMOVED
    counts["notes"] = len(notes)
    for translation in db.session.scalars(
            select(EntryTranslation).where(EntryTranslation.case_id.in_(case_ids))):
        translation.body = REMOVED
    for goal in db.session.scalars(select(CarePlanGoal).where(CarePlanGoal.case_id.in_(case_ids))):
        goal.goal, goal.actions = REMOVED, None
    for appointment in db.session.scalars(
            select(Appointment).where(Appointment.case_id.in_(case_ids))):
        appointment.place = None  # may be a home address
    for conference in db.session.scalars(
            select(CaseConference).where(CaseConference.case_id.in_(case_ids))):
        conference.decisions = REMOVED
    for event in db.session.scalars(select(TimelineEvent).where(
            TimelineEvent.case_id.in_(case_ids),
            TimelineEvent.kind.in_(FREE_TEXT_PAYLOAD_KINDS))):
        payload = dict(event.payload or {})
        for key in FREE_TEXT_PAYLOAD_KEYS:
            if payload.get(key):
                payload[key] = REMOVED
        event.payload = payload  # a new dict, so the JSON column is written


def pseudonymise_person(actor, person: Person, basis: str = "request") -> dict:
    """Replace everything that identifies `person`; keep codes, dates and counts.

    Raises ErasureRefused if a case is open, a legal hold is set, or it was done already.
    Flushes; the caller commits.
    """
    found = obstacles(actor, person)
    if found:
        raise ErasureRefused(found[0].code)
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}")
    case_ids = [c.id for c in db.session.scalars(person_records(actor, Case, person.id))]
    counts = {"cases": len(case_ids)}
    _scrub_person(actor, person)
    for access in db.session.scalars(person_records(actor, Access, person.id)):
        access.description = None
    if case_ids:
        _scrub_cases(case_ids, counts)
    # Scans of permits and letters identify the person: they go whole, bytes included.
    counts["attachments"] = attachments.remove_person_files(person.id)
    person.pseudonymised_at = utcnow()
    db.session.flush()
    audit("pseudonymise", person, user=actor, detail={"basis": basis, **counts})
    db.session.flush()
    return counts


def set_legal_hold(actor, person: Person, hold: bool, reason: str | None) -> None:
    person.legal_hold = hold
    person.legal_hold_reason = ((reason or "").strip() or None) if hold else None
    db.session.flush()
    audit("legal_hold_set" if hold else "legal_hold_lifted", person, user=actor)


