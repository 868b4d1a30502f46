"""Reading external referrals: a case's, the follow-up list, a partner's inbox."""

from datetime import timedelta

from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from .. import policy
from ..common.clock import today
from ..extensions import db
from ..models.cases import Case
from ..models.external_referrals import ExternalReferral


def of_case(user, case) -> list[ExternalReferral]:
    return list(db.session.scalars(
        policy.visible_external_referrals(user).where(ExternalReferral.case_id == case.id)
        .options(selectinload(ExternalReferral.service), selectinload(ExternalReferral.organisation))
        .order_by(ExternalReferral.sent_at.desc(), ExternalReferral.id.desc())))


def follow_ups(user, mine: bool = False, within_days: int = 7) -> list[ExternalReferral]:
    """Open referrals whose follow-up date is due within a week (overdue first); `mine`: those
    of the cases I manage or that I sent."""
    query = (policy.visible_external_referrals(user)
             .where(ExternalReferral.status != "closed",
                    ExternalReferral.follow_up_on <= today() + timedelta(days=within_days)))
    if mine:
        query = query.join(Case, Case.id == ExternalReferral.case_id).where(or_(
            Case.manager_id == user.id, ExternalReferral.created_by_id == user.id))
    return list(db.session.scalars(
        query.options(selectinload(ExternalReferral.organisation),
                      selectinload(ExternalReferral.service))
        .order_by(ExternalReferral.follow_up_on, ExternalReferral.id).limit(500)))


def partner_inbox(user, status: str | None = None) -> list[ExternalReferral]:
    query = policy.partner_referrals(user)
    if status in ("sent", "acknowledged", "closed"):
        query = query.where(ExternalReferral.status == status)
    return list(db.session.scalars(
        query.options(selectinload(ExternalReferral.service))
        .order_by(ExternalReferral.sent_at.desc(), ExternalReferral.id.desc()).limit(500)))
