"""Caseload and waiting-time figures, aggregated in SQL (GROUP BY and window functions).

Snapshot figures (open cases, open referrals, ageing, overdue) describe today; flow figures
(medians) count the events that happened within the period.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import and_, case, func, literal, or_, select

from ..auth.models import User
from ..auth.rules import case_condition
from ..cases.models import Case, Referral
from ..extensions import db
from ..teams.models import Team
from .scope import Scope
from .sqlfuncs import days_between

OPEN_REFERRAL = ("pending", "accepted")
# Age in whole days since the referral was made: (label key, lowest age, highest age or None).
AGE_BUCKETS = (("0-2", 0, 2), ("3-7", 3, 7), ("8-30", 8, 30), ("31+", 31, None))


def case_scope(scope: Scope):
    return and_(case_condition(scope.user), Case.site_id.in_(scope.site_ids))


def referral_scope(scope: Scope):
    """Referrals of the cases the user may see (joined to Case), at the chosen sites.

    Naming the sites' teams as well lets the database start from the referral indexes
    (team, status, ...) instead of reading every case of the site."""
    site_teams = select(Team.id).where(Team.site_id.in_(scope.site_ids))
    return and_(case_condition(scope.user), Case.site_id.in_(scope.site_ids),
                Referral.team_id.in_(site_teams))


def _midnight(day) -> datetime:
    return datetime.combine(day, time.min)


def age_bucket_condition(scope: Scope, key: str):
    """Referrals made `low`..`high` whole days before today (by calendar date)."""
    _, low, high = next(b for b in AGE_BUCKETS if b[0] == key)
    made_by = Referral.created_at < _midnight(scope.today - timedelta(days=low - 1))
    if high is None:
        return made_by
    return and_(made_by, Referral.created_at >= _midnight(scope.today - timedelta(days=high)))


def overdue_condition(scope: Scope):
    return and_(Referral.status.in_(OPEN_REFERRAL), Referral.due_date < scope.today)


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def open_cases(scope: Scope) -> list[tuple[int, str, int]]:
    """(site id, status, count) of the cases not closed."""
    query = (
        select(Case.site_id, Case.status, func.count())
        .where(case_scope(scope), Case.status != "closed")
        .group_by(Case.site_id, Case.status)
        .order_by(Case.site_id, Case.status)
    )
    return [tuple(row) for row in db.session.execute(query)]


def team_caseload(scope: Scope) -> list[dict]:
    """Per team of the sites: open referrals (pending, accepted), overdue, and their ageing."""
    columns = [
        _count_if(Referral.status == "pending").label("pending"),
        _count_if(Referral.status == "accepted").label("accepted"),
        func.count().label("open"),
        _count_if(overdue_condition(scope)).label("overdue"),
    ] + [_count_if(age_bucket_condition(scope, key)).label(f"age_{key}") for key, *_ in AGE_BUCKETS]
    per_team = (
        select(Referral.team_id, *columns)
        .join(Case, Referral.case_id == Case.id)
        .where(referral_scope(scope), Referral.status.in_(OPEN_REFERRAL))
        .group_by(Referral.team_id)
        .subquery()
    )
    numbers = [c.name for c in columns]
    query = (
        select(Team.id, Team.site_id, Team.kind, Team.name,
               *[func.coalesce(per_team.c[name], 0).label(name) for name in numbers])
        .outerjoin(per_team, per_team.c.team_id == Team.id)
        .where(Team.site_id.in_(scope.site_ids))
        .order_by(Team.site_id, Team.id)
    )
    return [dict(row._mapping) for row in db.session.execute(query)]


def worker_caseload(scope: Scope) -> list[dict]:
    """Open referrals per worker and team (assignee None: not yet assigned)."""
    query = (
        select(
            Referral.assignee_id, User.name.label("worker"), Referral.team_id,
            Team.kind, Team.name.label("team_name"), Team.site_id,
            func.count().label("open"),
            _count_if(overdue_condition(scope)).label("overdue"),
        )
        .join(Case, Referral.case_id == Case.id)
        .join(Team, Referral.team_id == Team.id)
        .outerjoin(User, Referral.assignee_id == User.id)
        .where(referral_scope(scope), Referral.status.in_(OPEN_REFERRAL))
        .group_by(Referral.assignee_id, User.name, Referral.team_id, Team.kind, Team.name,
                  Team.site_id)
        .order_by(func.count().desc(), User.name, Referral.team_id)
    )
    return [dict(row._mapping) for row in db.session.execute(query)]


def median_days(scope: Scope, stage: str) -> dict[int, tuple[float, int]]:
    """Per team: (median days from referral to `stage`, how many), for the referrals that
    reached that stage within the period. The median is found in SQL: each team's durations
    are numbered in order and the middle one (or the mean of the middle two) is kept."""
    reached = {"accepted": Referral.accepted_at, "completed": Referral.completed_at}[stage]
    duration = days_between(reached, Referral.created_at)
    ranked = (
        select(
            Referral.team_id.label("team_id"),
            duration.label("days"),
            func.row_number().over(partition_by=Referral.team_id, order_by=duration)
            .label("position"),
            func.count().over(partition_by=Referral.team_id).label("total"),
        )
        .join(Case, Referral.case_id == Case.id)
        .where(referral_scope(scope), reached.is_not(None), scope.in_period(reached))
        .subquery()
    )
    middle = or_(
        ranked.c.position == (ranked.c.total + literal(1)) // literal(2),
        ranked.c.position == (ranked.c.total + literal(2)) // literal(2),
    )
    query = (
        select(ranked.c.team_id, func.avg(ranked.c.days), func.max(ranked.c.total))
        .where(middle)
        .group_by(ranked.c.team_id)
    )
    return {team_id: (float(days), int(total)) for team_id, days, total in db.session.execute(query)}
