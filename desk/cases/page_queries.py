"""Everything the case page shows besides the timeline, loaded in a few batched queries."""

from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models.cases import Referral
from ..models.external_referrals import ExternalReferral
from ..models.people import ResidenceDocument
from ..models.plan import Appointment, CarePlanGoal, CaseConference
from ..models.sites import Team
from ..models.transfers import CaseTransfer
from ..policy import (
    can,
    can_cancel_transfer,
    can_manage_case,
    can_reassign_referral,
    can_request_transfer,
    can_work_referral,
    case_records,
    pending_transfer_of,
    person_records,
    visible_external_referrals,
)
from ..vocab.codes import TEAM_KINDS
from .entry_translations import translations_of_case


def _referrals(user, case) -> list[Referral]:
    return list(db.session.scalars(
        case_records(user, Referral, case.id)
        .options(joinedload(Referral.team).selectinload(Team.label_rows),
                 joinedload(Referral.assignee), joinedload(Referral.appointment))
        .order_by(Referral.id)))


def _goals_by_dimension(user, case) -> list[tuple[str, list[CarePlanGoal]]]:
    goals = db.session.scalars(case_records(user, CarePlanGoal, case.id)
                               .order_by(CarePlanGoal.id)).all()
    return [(kind, [g for g in goals if g.dimension == kind]) for kind in TEAM_KINDS
            if any(g.dimension == kind for g in goals)]


def _waiting_transfer(case) -> CaseTransfer | None:
    """The transfer of the case waiting for the other desk's decision."""
    return db.session.scalar(pending_transfer_of(case).options(
        joinedload(CaseTransfer.to_site), joinedload(CaseTransfer.requested_by)))


def case_overview(user, case) -> dict:
    referrals = _referrals(user, case)
    transfer = _waiting_transfer(case) if case.status != "closed" else None
    return {
        "transfer": transfer,
        "open_referrals": [r for r in referrals if r.is_open],
        "closed_referrals": [r for r in referrals if not r.is_open],
        "may_work": {r.id for r in referrals if can_work_referral(user, r)},
        "may_reassign": {r.id for r in referrals if r.status == "accepted"
                         and can_reassign_referral(user, r)},
        "goals": _goals_by_dimension(user, case),
        "entry_translations": translations_of_case(case.id),
        "conferences": db.session.scalars(
            case_records(user, CaseConference, case.id)
            .options(selectinload(CaseConference.teams))
            .order_by(CaseConference.held_on.desc())).all(),
        "appointments": db.session.scalars(
            case_records(user, Appointment, case.id)
            .options(joinedload(Appointment.team),
                     selectinload(Appointment.interpreter_request)
                     .joinedload(Referral.assignee))
            .order_by(Appointment.starts_at.desc())).all(),
        "documents": db.session.scalars(
            person_records(user, ResidenceDocument, case.person_id)
            .order_by(ResidenceDocument.expiry_date.desc(), ResidenceDocument.id)).all(),
        "may": {
            "manage": can_manage_case(user, case),
            "note": can(user, "write_note"),
            "translate": can(user, "translate_note"),
            "book": can(user, "book_appointment") and case.status != "closed",
            "attend": can(user, "book_appointment"),
            "plan": can(user, "edit_care_plan"),
            "document": can(user, "add_document"),
            "slip": can(user, "print_slip"),
            "refer": can(user, "refer_external") and case.status != "closed",
            "transfer": transfer is None and case.status != "closed"
            and can_request_transfer(user, case),
            "cancel_transfer": transfer is not None and can_cancel_transfer(user, transfer),
        },
        "external_referrals": db.session.scalars(
            visible_external_referrals(user).where(ExternalReferral.case_id == case.id)
            .options(joinedload(ExternalReferral.service), joinedload(ExternalReferral.organisation))
            .order_by(ExternalReferral.sent_at.desc(), ExternalReferral.id.desc())).all(),
    }
