"""Who may ask for, withdraw, accept or refuse the transfer of a case to another site, and
which transfers a user may see.

A transfer is seen by the supervisors of its two sites only (its list names the person: the
receiving desk learns who is coming, and nothing else of them until it accepts). The case
page shows the pending transfer of the case to whoever sees the case.
"""

from datetime import datetime

from flask import abort
from sqlalchemy import Select, and_, false, or_, select

from ..extensions import db
from ..models.cases import Case, Referral
from ..models.plan import Appointment
from ..models.sites import Team
from ..models.transfers import CaseTransfer
from .capabilities import CONTENT_ROLES, can
from .rules import OPEN_REFERRAL, _marked


def can_request_transfer(user, case) -> bool:
    """Ask for the transfer of a case (already loaded through the policy): its case manager,
    or a supervisor of its site."""
    if case.site_id not in user.site_ids:
        return False
    return case.manager_id == user.id or can(user, "decide_transfers")


def can_cancel_transfer(user, transfer: CaseTransfer) -> bool:
    """Withdraw a request: whoever asked, or a supervisor of the sending site."""
    if transfer.from_site_id not in user.site_ids:
        return False
    return transfer.requested_by_id == user.id or can(user, "decide_transfers")


def can_decide_transfer(user, transfer: CaseTransfer) -> bool:
    """Accept or refuse: a supervisor of the receiving site, nobody else."""
    return transfer.to_site_id in user.site_ids and can(user, "decide_transfers")


def transfer_condition(user):
    """Condition on CaseTransfer: those from or to a site I supervise, and those I asked for
    from a site of mine."""
    if not user.has_role(*CONTENT_ROLES) or not user.site_ids:
        return _marked(false())
    mine = and_(CaseTransfer.requested_by_id == user.id,
                CaseTransfer.from_site_id.in_(user.site_ids))
    if not can(user, "decide_transfers"):
        return _marked(mine)
    return _marked(or_(mine, CaseTransfer.from_site_id.in_(user.site_ids),
                       CaseTransfer.to_site_id.in_(user.site_ids)))


def names_the_person(user, transfer: CaseTransfer) -> bool:
    """Whether a transfer's page may name its person to `user`: the person is at a site of
    theirs, or is coming to one of them (the request waits for their decision). After an
    acceptance the sending desk reads only that the case left."""
    if transfer.person.site_id in user.site_ids:
        return True
    return transfer.is_pending and can_decide_transfer(user, transfer)


def visible_transfers(user) -> Select:
    return select(CaseTransfer).where(transfer_condition(user))


def get_transfer_or_404(user, transfer_id: int) -> CaseTransfer:
    found = db.session.scalar(visible_transfers(user).where(CaseTransfer.id == transfer_id))
    if found is None:
        abort(404)
    return found


def pending_transfer_of(case) -> Select:
    """The transfer of a case (one the user already sees) waiting for a decision."""
    return select(CaseTransfer).where(_marked(CaseTransfer.case_id == case.id),
                                      CaseTransfer.status == "requested")


# --- what an accepted transfer moves (read by the service for the transfer itself, never
# shown: the receiving supervisor deciding does not yet see the case) -------------------------


def open_case_at(person_id: int, site_id: int) -> Select:
    """The person's case at a site that is not closed (at most one: models.cases)."""
    return select(Case.id).where(_marked(Case.person_id == person_id), Case.site_id == site_id,
                                 Case.status != "closed")


def cases_moving_with(transfer: CaseTransfer) -> Select:
    """The person's cases at the sending site: the person's file moves whole."""
    return select(Case).where(_marked(Case.person_id == transfer.person_id),
                              Case.site_id == transfer.from_site_id).order_by(Case.id)


def _sending_teams(transfer: CaseTransfer):
    return select(Team.id).where(Team.site_id == transfer.from_site_id)


def referrals_closed_by(transfer: CaseTransfer) -> Select:
    """The open referrals of the case to the sending site's teams."""
    return (select(Referral).where(_marked(Referral.case_id == transfer.case_id),
                                   Referral.status.in_(OPEN_REFERRAL),
                                   Referral.team_id.in_(_sending_teams(transfer)))
            .order_by(Referral.id))


def appointments_cancelled_by(transfer: CaseTransfer, now: datetime) -> Select:
    """The appointments of the case with the sending site's teams still to come."""
    return (select(Appointment).where(_marked(Appointment.case_id == transfer.case_id),
                                      Appointment.outcome.is_(None),
                                      Appointment.starts_at >= now,
                                      Appointment.team_id.in_(_sending_teams(transfer)))
            .order_by(Appointment.starts_at))
