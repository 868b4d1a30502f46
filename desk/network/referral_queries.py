"""Reading external referrals: a case's, the follow-up list, a partner's inbox."""

from sqlalchemy.orm import selectinload

from .. import policy
from ..extensions import db
from ..models.external_referrals import ExternalReferral
from . import follow_up_services


def of_case(user, case) -> list[ExternalReferral]:
    return list(db.session.scalars(
        policy.visible_external_referrals(user).where(ExternalReferral.case_id == case.id)
        .options(selectinload(ExternalReferral.service), selectinload(ExternalReferral.organisation))
        .order_by(ExternalReferral.sent_at.desc(), ExternalReferral.id.desc())))


def follow_ups(user, mine: bool = False, within_days: int = 7) -> list[ExternalReferral]:
    """Open referrals whose follow-up date is due within a week (overdue first); `mine`: those
    of the cases I manage or that I sent."""
    return follow_up_services.upcoming(user, mine=mine, within_days=within_days)


def partner_inbox(user, status: str | None = None) -> list[ExternalReferral]:
    query = policy.partner_referrals(user)
    if status in ("sent", "acknowledged", "closed"):
        query = query.where(ExternalReferral.status == status)
    return list(db.session.scalars(
        query.options(selectinload(ExternalReferral.service))
        .order_by(ExternalReferral.sent_at.desc(), ExternalReferral.id.desc()).limit(500)))
