"""What is due: the referrals to outside services whose follow-up date has come and that have
no outcome yet. Read through the access policy, for the to-do lists of the desk home and of
the team queue as well as for the follow-up page."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from .. import policy
from ..common.clock import today
from ..extensions import db
from ..models.cases import Case
from ..models.external_referrals import ExternalReferral


def due_by(user, day: date, mine: bool = False) -> Select:
    """The open referrals `user` may see whose follow-up date is `day` or earlier; `mine`:
    only those of the cases the user manages or that they sent."""
    query = (policy.visible_external_referrals(user)
             .where(ExternalReferral.status != "closed", ExternalReferral.follow_up_on <= day))
    if mine:
        # Asked of each due referral (by the case's primary key), not joined: a join let the
        # planner read every case of the database to find the user's (issue 21).
        manages = select(Case.id).where(Case.id == ExternalReferral.case_id,
                                        Case.manager_id == user.id).exists()
        query = query.where(or_(manages, ExternalReferral.created_by_id == user.id))
    return query


def listed(query: Select, limit: int, people: bool = False) -> list[ExternalReferral]:
    """`people`: the persons too, for a list that names them (and so is audited)."""
    case = selectinload(ExternalReferral.case)
    return list(db.session.scalars(
        query.options(selectinload(ExternalReferral.organisation),
                      selectinload(ExternalReferral.service),
                      case.selectinload(Case.person) if people else case)
        .order_by(ExternalReferral.follow_up_on, ExternalReferral.id).limit(limit)))


def upcoming(user, mine: bool = False, within_days: int = 7) -> list[ExternalReferral]:
    """Due within `within_days` days (overdue first): the follow-up page."""
    return listed(due_by(user, today() + timedelta(days=within_days), mine), 500)


@dataclass
class DueList:
    """A to-do list's share of the follow-ups due today or earlier, the oldest first."""

    referrals: list[ExternalReferral]
    total: int
    user_id: int

    def is_mine(self, referral: ExternalReferral) -> bool:
        return self.user_id in (referral.case.manager_id, referral.created_by_id)


def due_today(user, mine: bool = False, limit: int = 20) -> DueList:
    query = due_by(user, today(), mine)
    shown = listed(query, limit, people=True)
    total = len(shown) if len(shown) < limit else db.session.scalar(
        select(func.count()).select_from(query.subquery()))
    if not mine:  # the user's own cases first
        shown.sort(key=lambda r: user.id not in (r.case.manager_id, r.created_by_id))
    return DueList(shown, total, user.id)
