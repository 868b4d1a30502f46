"""Team work: which team, its members, its queue, its diary and the permits it watches."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..common.clock import today
from ..extensions import db
from ..models import permits
from ..models.cases import Case, Referral, ReferralNeed
from ..models.people import Person, ResidenceDocument
from ..models.plan import Appointment
from ..models.sites import Site, Team
from ..models.users import User
from ..policy import can_work_team, case_condition, person_condition, team_referrals, visible_team_appointments


def user_site(user, site_code: str | None) -> Site | None:
    """The site asked for (if it is one of the user's), else the user's first site."""
    sites = sorted(user.sites, key=lambda s: s.code)
    if site_code:
        return next((s for s in sites if s.code == site_code), None)
    return sites[0] if sites else None


def workable_teams(user) -> list[Team]:
    """Teams whose queue the user may work: own teams first, then (supervisors) the others."""
    teams = [t for t in user.teams if can_work_team(user, t)]
    if user.has_role("supervisor") and user.site_ids:
        others = db.session.scalars(
            select(Team).where(Team.site_id.in_(user.site_ids)).order_by(Team.site_id, Team.id)
        )
        teams += [t for t in others if t not in teams]
    return teams


@dataclass
class QueueFilters:
    status: str | None = None  # pending / accepted
    assignee: str | None = None  # "me", "none" or a user id
    need: str | None = None
    language: str | None = None


def team_queue(user, team: Team, filters: QueueFilters):
    """Ids of a team's open referrals, by due date (so the overdue come first), then urgent
    before normal, then oldest first. Only the referral index is read to order and count the
    queue; `queue_page` loads the page that is shown."""
    priority = case((Referral.priority == "urgent", 0), (Referral.priority == "normal", 1),
                    else_=2)
    stmt = (
        team_referrals(user, team, open_only=True)
        .with_only_columns(Referral.id)
        .order_by(Referral.due_date, priority, Referral.id)
    )
    if filters.status in ("pending", "accepted"):
        stmt = stmt.where(Referral.status == filters.status)
    if filters.assignee == "me":
        stmt = stmt.where(Referral.assignee_id == user.id)
    elif filters.assignee == "none":
        stmt = stmt.where(Referral.assignee_id.is_(None))
    elif filters.assignee and filters.assignee.isdigit() and int(filters.assignee) < 2**31:
        stmt = stmt.where(Referral.assignee_id == int(filters.assignee))
    if filters.need:
        stmt = stmt.where(select(ReferralNeed).where(ReferralNeed.referral_id == Referral.id,
                                                     ReferralNeed.need == filters.need).exists())
    if filters.language:
        stmt = stmt.where(select(Case.id).join(Case.person).where(
            Case.id == Referral.case_id, Person.preferred_language == filters.language).exists())
    return stmt


# What a queue row shows of the person (only these are read: issue 21).
QUEUE_PERSON_COLUMNS = (Person.given_name, Person.family_name, Person.given_name_original,
                        Person.family_name_original, Person.preferred_language,
                        Person.interpreter_needed)


def queue_page(user, team: Team, ids: list[int]) -> list[Referral]:
    """The referrals of a queue page (ids from team_queue), with their case, person, assignee
    and needs, in the order of `ids`: four statements whatever the page size."""
    if not ids:
        return []
    rows = db.session.scalars(
        team_referrals(user, team, open_only=True).where(Referral.id.in_(ids))
        .options(joinedload(Referral.case).load_only(Case.person_id, Case.site_id)
                 .joinedload(Case.person).load_only(*QUEUE_PERSON_COLUMNS),
                 joinedload(Referral.assignee).load_only(User.name),
                 selectinload(Referral.need_rows),
                 joinedload(Referral.appointment).joinedload(Appointment.team)))
    by_id = {referral.id: referral for referral in rows}
    return [by_id[i] for i in ids if i in by_id]


def team_appointments(user, team: Team, start: datetime, end: datetime) -> list[Appointment]:
    """A team's appointments between two UTC times, on cases the user may see; for a
    mediation team, also those it was asked to interpret at (rules.visible_team_appointments)."""
    stmt = (
        visible_team_appointments(user, team)
        .where(Appointment.starts_at >= start, Appointment.starts_at < end)
        .options(joinedload(Appointment.case).joinedload(Case.person),
                 joinedload(Appointment.team),
                 selectinload(Appointment.interpreter_request).joinedload(Referral.assignee))
        .order_by(Appointment.starts_at, Appointment.id)
    )
    return list(db.session.scalars(stmt))


def documents_to_renew(user, team: Team):
    """Residence documents of people at the team's site the user may see that have expired
    (the most recently expired first) or expire within the window (the soonest first)."""
    day = today()
    expired = ResidenceDocument.expiry_date < day
    return (
        select(ResidenceDocument)
        .join(Person, Person.id == ResidenceDocument.person_id)
        .where(person_condition(user), Person.site_id == team.site_id,
               permits.needs_renewal_condition(day))
        .options(joinedload(ResidenceDocument.person))
        .order_by(case((expired, 0), else_=1),
                  case((expired, ResidenceDocument.expiry_date), else_=None).desc(),
                  ResidenceDocument.expiry_date, ResidenceDocument.id)
    )


def latest_visible_cases(user, person_ids) -> dict[int, int]:
    """person id -> id of the most recent case of that person the user may see."""
    if not person_ids:
        return {}
    rows = db.session.execute(
        select(Case.person_id, func.max(Case.id))
        .where(case_condition(user), Case.person_id.in_(person_ids))
        .group_by(Case.person_id)
    )
    return dict(rows.all())


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
