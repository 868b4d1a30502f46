"""What arrived at the desk within the period: accesses, needs, interpreter demand,
appointments and declined referrals. Aggregated in SQL."""

from sqlalchemy import and_, case, func, select

from ..auth.models import User, UserLanguage, team_membership
from ..auth.rules import access_condition
from ..cases.models import Access, AccessNeed, Case, Referral
from ..cases.plan_models import Appointment
from ..extensions import db
from ..people.models import Person
from ..teams.models import Team
from .metrics import case_scope, referral_scope
from .scope import Scope
from .sqlfuncs import week_start


def access_scope(scope: Scope):
    return and_(
        access_condition(scope.user),
        Access.site_id.in_(scope.site_ids),
        scope.in_period(Access.occurred_at),
    )


def access_language():
    """The language spoken at the access, else the person's preferred language."""
    return func.coalesce(Access.language_used, Person.preferred_language)


def accesses_per_week(scope: Scope) -> list[tuple[str, str, int]]:
    """(Monday of the week 'YYYY-MM-DD', channel, count)."""
    week = week_start(Access.occurred_at)
    query = (
        select(week, Access.channel, func.count())
        .where(access_scope(scope))
        .group_by(week, Access.channel)
        .order_by(week, Access.channel)
    )
    return [tuple(row) for row in db.session.execute(query)]


def _needs_by(scope: Scope, dimension) -> list[tuple[str | None, int]]:
    query = (
        select(dimension, func.count())
        .select_from(AccessNeed)
        .join(Access, AccessNeed.access_id == Access.id)
        .where(access_scope(scope))
        .group_by(dimension)
        .order_by(func.count().desc(), dimension)
    )
    if dimension is not AccessNeed.need:
        query = query.join(Person, Access.person_id == Person.id)
    return [tuple(row) for row in db.session.execute(query)]


def needs_by_category(scope: Scope):
    """(need code, times expressed) — an access with three needs counts once for each."""
    return _needs_by(scope, AccessNeed.need)


def needs_by_nationality(scope: Scope):
    return _needs_by(scope, Person.nationality)


def needs_by_language(scope: Scope):
    return _needs_by(scope, access_language())


def interpreter_demand(scope: Scope) -> list[dict]:
    """Per language: appointments with an interpreter, mediator hours, and the active
    mediators of the sites who speak it."""
    mediators = (
        select(UserLanguage.language, func.count(func.distinct(User.id)).label("mediators"))
        .join(User, UserLanguage.user_id == User.id)
        .join(team_membership, team_membership.c.user_id == User.id)
        .join(Team, team_membership.c.team_id == Team.id)
        .where(Team.kind == "mediation", Team.site_id.in_(scope.site_ids), User.active)
        .group_by(UserLanguage.language)
        .subquery()
    )
    demand = (
        select(
            Appointment.interpreter_language.label("language"),
            func.count().label("appointments"),
            func.coalesce(func.sum(Appointment.duration_minutes), 0).label("minutes"),
        )
        .join(Case, Appointment.case_id == Case.id)
        .where(case_scope(scope), scope.in_period(Appointment.starts_at),
               Appointment.interpreter_language.is_not(None))
        .group_by(Appointment.interpreter_language)
        .subquery()
    )
    query = (
        select(demand, func.coalesce(mediators.c.mediators, 0).label("mediators"))
        .outerjoin(mediators, mediators.c.language == demand.c.language)
        .order_by(demand.c.minutes.desc(), demand.c.language)
    )
    return [
        dict(row._mapping, hours=round(row.minutes / 60, 2)) for row in db.session.execute(query)
    ]


def appointment_outcomes(scope: Scope) -> list[dict]:
    """Per team: appointments in the period attended, missed, and past without an outcome."""
    outcome = Appointment.outcome

    def count_if(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = (
        select(
            Team.id.label("team_id"), Team.site_id, Team.kind, Team.name,
            count_if(outcome == "attended").label("attended"),
            count_if(outcome == "no_show").label("missed"),
            count_if(outcome.is_(None)).label("unrecorded"),
        )
        .select_from(Appointment)
        .join(Case, Appointment.case_id == Case.id)
        .join(Team, Appointment.team_id == Team.id)
        .where(case_scope(scope), scope.in_period(Appointment.starts_at))
        .group_by(Team.id, Team.site_id, Team.kind, Team.name)
        .order_by(Team.site_id, Team.id)
    )
    return [dict(row._mapping) for row in db.session.execute(query)]


def declined_referrals(scope: Scope) -> list[tuple[str | None, int]]:
    """(decline reason, count) of the referrals declined within the period."""
    query = (
        select(Referral.decline_reason, func.count())
        .join(Case, Referral.case_id == Case.id)
        .where(referral_scope(scope), Referral.status == "declined",
               scope.in_period(Referral.declined_at))
        .group_by(Referral.decline_reason)
        .order_by(func.count().desc(), Referral.decline_reason)
    )
    return [tuple(row) for row in db.session.execute(query)]
