"""What the demo database holds, as counts the seed command prints."""

from datetime import timedelta

from sqlalchemy import func, select

from ..common.clock import today
from ..extensions import db
from ..models.cases import Access, Case, Referral
from ..models.history import Note, NoteTranslation, TimelineEvent
from ..models.people import Consent, Person, ResidenceDocument
from ..models.plan import Appointment, CarePlanGoal, CaseConference
from ..models.sites import Site, Team
from ..models.users import User
from ..vocab.codes import CASE_STATUSES, REFERRAL_STATUSES


def _count(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def summarise() -> dict:
    counts = {
        "sites": _count(Site),
        "teams": _count(Team),
        "users": _count(User),
        "people": _count(Person),
        "people_with_original_script_name": _count(Person, Person.given_name_original.is_not(None)),
        "residence_documents": _count(ResidenceDocument),
        "documents_expiring_within_60_days": _count(
            ResidenceDocument,
            ResidenceDocument.expiry_date.between(today(), today() + timedelta(days=60)),
        ),
        "consents": _count(Consent),
        "accesses": _count(Access),
        "cases": _count(Case),
    }
    for status in CASE_STATUSES:
        counts[f"cases_{status}"] = _count(Case, Case.status == status)
    counts["referrals"] = _count(Referral)
    for status in REFERRAL_STATUSES:
        counts[f"referrals_{status}"] = _count(Referral, Referral.status == status)
    # Not answered (still pending) after the due date of their priority.
    counts["referrals_overdue"] = _count(
        Referral, Referral.status == "pending", Referral.due_date < today()
    )
    counts.update({
        "timeline_events": _count(TimelineEvent),
        "notes": _count(Note),
        "note_translations": _count(NoteTranslation),
        "appointments": _count(Appointment),
        "appointments_upcoming": _count(Appointment, Appointment.outcome.is_(None)),
        "care_plan_goals": _count(CarePlanGoal),
        "case_conferences": _count(CaseConference),
    })
    return counts
