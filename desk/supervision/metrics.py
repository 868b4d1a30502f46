"""Caseload and waiting-time figures, aggregated in SQL (GROUP BY and window functions).

Snapshot figures (open cases, open referrals, ageing, overdue) describe today; flow figures
(medians) count the events that happened within the period.
"""

from datetime import datetime, time, timedelta
from types import SimpleNamespace

from sqlalchemy import Integer, Select, and_, case, cast, func, literal, select, union_all

from ..extensions import cache, db
from ..models import permits
from ..models.cases import OPEN_STATUSES as OPEN_REFERRAL
from ..models.cases import Case, Referral
from ..models.people import Person, ResidenceDocument
from ..models.sites import Team
from ..models.users import User
from ..policy import person_condition
from ..vocab.codes import CASE_STATUSES
from . import tallied
from .scope import Scope
from .sqlfuncs import days_between, minutes_between

# The statuses other than "closed", named so the (site, status) index is searched, not scanned.
NOT_CLOSED = tuple(status for status in CASE_STATUSES if status != "closed")
# Age in whole days since the referral was made: (label key, lowest age, highest age or None).
AGE_BUCKETS = (("0-2", 0, 2), ("3-7", 3, 7), ("8-30", 8, 30), ("31+", 31, None))


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


def count_if(condition):
    """How many rows of the group meet `condition` (0, not NULL, for none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def open_cases(scope: Scope) -> list[tuple[int, str, int]]:
    """(site id, status, count) of the cases not closed."""
    if scope.sees_all_sites:
        return tallied.open_cases(scope)
    query = (
        select(Case.site_id, Case.status, func.count())
        .where(scope.case_condition(), Case.status.in_(NOT_CLOSED))
        .group_by(Case.site_id, Case.status)
        .order_by(Case.site_id, Case.status)
    )
    return [tuple(row) for row in db.session.execute(query)]


def permit_renewals(scope: Scope) -> list[tuple[int, int, int]]:
    """(site id, expired, expiring soon) residence documents of the people the user may see at
    the chosen sites, today: those not replaced by a newer document (people.permits)."""
    if scope.sees_all_sites:
        return tallied.permit_renewals(scope)
    expired = ResidenceDocument.expiry_date < scope.today
    query = (
        select(Person.site_id, func.count().filter(expired), func.count().filter(~expired))
        .join(Person, Person.id == ResidenceDocument.person_id)
        .where(person_condition(scope.user), Person.site_id.in_(scope.site_ids),
               permits.needs_renewal_condition(scope.today))
        .group_by(Person.site_id)
        .order_by(Person.site_id)
    )
    return [tuple(row) for row in db.session.execute(query)]


def caseload(scope: Scope) -> tuple[list[dict], list[dict]]:
    """Open referrals (pending, accepted), overdue, and their ageing: (per team of the sites,
    per worker and team). Counted per team, status and worker in one pass over the caseload
    index, in its order (no sort); then added up per worker, and per team here."""
    counts = [
        func.count().label("open"),
        count_if(overdue_condition(scope)).label("overdue"),
    ] + [count_if(age_bucket_condition(scope, key)).label(f"age_{key}") for key, *_ in AGE_BUCKETS]
    per_status = (
        scope.referrals(select(Referral.team_id, Referral.status, Referral.assignee_id,
                                       *counts))
        .where(Referral.status.in_(OPEN_REFERRAL))
        .group_by(Referral.team_id, Referral.status, Referral.assignee_id)
        .subquery()
    )
    of_status = {status: _sum(case((per_status.c.status == status, per_status.c.open),
                                   else_=0)).label(status) for status in OPEN_REFERRAL}
    totals = [_sum(per_status.c[c.name]).label(c.name) for c in counts]
    numbers = [*of_status, *[c.name for c in counts]]
    if scope.sees_all_sites:
        return _per_team_and_worker(
            [SimpleNamespace(**row, _mapping=row) for row in tallied.caseload(scope, numbers)],
            numbers)
    per_worker = (
        select(per_status.c.team_id, per_status.c.assignee_id, *of_status.values(), *totals)
        .group_by(per_status.c.team_id, per_status.c.assignee_id)
        .subquery()
    )
    query = (
        select(Team.id, Team.site_id, Team.kind, Team.name, per_worker.c.assignee_id,
               User.name.label("worker"), *[per_worker.c[name] for name in numbers])
        .outerjoin(per_worker, per_worker.c.team_id == Team.id)
        .outerjoin(User, User.id == per_worker.c.assignee_id)
        .where(Team.site_id.in_(scope.site_ids))
        .order_by(per_worker.c.open.desc(), User.name.is_(None), User.name, Team.id)
    )
    return _per_team_and_worker(db.session.execute(query), numbers)


def _sum(value):
    """SUM of counts, as an integer (PostgreSQL sums BIGINT counts as NUMERIC)."""
    return cast(func.sum(value), Integer)


def _per_team_and_worker(rows, numbers: list[str]) -> tuple[list[dict], list[dict]]:
    """Every team once (zeros if nothing is open), its figures added up over its workers;
    and the (worker, team) rows in the order they came."""
    teams, workers = {}, []
    for row in rows:
        team = teams.setdefault(row.id, {"id": row.id, "site_id": row.site_id, "kind": row.kind,
                                         "name": row.name, **dict.fromkeys(numbers, 0)})
        if row.open is None:  # a team without open referrals
            continue
        for name in numbers:
            team[name] += row._mapping[name]
        workers.append({"assignee_id": row.assignee_id, "worker": row.worker,
                        "team_id": row.id, "kind": row.kind, "team_name": row.name,
                        "site_id": row.site_id, "open": row.open, "overdue": row.overdue})
    return sorted(teams.values(), key=lambda t: (t["site_id"], t["id"])), workers


REACHED = {"accepted": Referral.accepted_at, "completed": Referral.completed_at}


def reached_totals(scope: Scope, stage: str) -> list[tuple[int, int, int]]:
    """Per team: (referrals that reached `stage` within the period, their minutes from
    referral to it, summed), from the figure tally for who sees the whole sites."""
    if scope.sees_all_sites:
        return tallied.reached(scope, stage)
    reached = REACHED[stage]
    counted = (scope.referrals(select(Referral.team_id, func.count(),
                                      func.sum(minutes_between(reached, Referral.created_at))))
               .where(reached.is_not(None), scope.in_period(reached))
               .group_by(Referral.team_id))
    return sorted((team, int(n), int(minutes)) for team, n, minutes in db.session.execute(counted))


def median_days(scope: Scope, stage: str) -> dict[int, tuple[float, int]]:
    """Per team: (median days from referral to `stage`, how many), for the referrals that
    reached that stage within the period: the middle duration, or the mean of the middle two.

    A median needs every duration of the period sorted, which grows with the data (issue 21),
    so the medians are kept in the cache under what they are computed from: the scope, and
    per team the number of referrals and their minutes summed, read from the figure tally
    (counted from the referrals, without sorting, for a reader who does not see the whole
    sites). A referral reaching the stage, leaving it or changing its dates changes those,
    and the medians are computed again; otherwise they are read back."""
    reached = REACHED[stage]
    duration = days_between(reached, Referral.created_at)
    in_period = (reached.is_not(None), scope.in_period(reached))
    totals = reached_totals(scope, stage)
    if not totals:
        return {}
    reader = "sites" if scope.sees_all_sites else f"user-{scope.user.id}"
    key = (f"median-days/{stage}/{scope.start}/{scope.end}/{reader}/"
           f"{','.join(map(str, scope.site_ids))}/{totals}")
    found = cache.get(key)
    if found is None:
        found = _medians(scope, [(team_id, total) for team_id, total, _ in totals], duration,
                         in_period)
        cache.set(key, found)
    return found


def _medians(scope: Scope, totals: list[tuple[int, int]], duration, in_period) -> dict:
    """PostgreSQL has the median as an aggregate (percentile_cont). Elsewhere each team's
    middle one or two are picked with ORDER BY ... LIMIT/OFFSET (a bounded sort), which
    SQLite does several times faster than numbering every row with window functions."""
    if db.session.get_bind().dialect.name == "postgresql":
        query = (
            scope.referrals(select(
                Referral.team_id, func.percentile_cont(0.5).within_group(duration),
                func.count()))
            .where(*in_period)
            .group_by(Referral.team_id)
        )
    else:
        query = union_all(*[_middle_of(scope, team_id, total, duration, in_period)
                            for team_id, total in totals])
    return {team_id: (float(days), int(total)) for team_id, days, total in db.session.execute(query)}


def _middle_of(scope: Scope, team_id: int, total: int, duration, in_period) -> Select:
    """(team, mean of the middle one or two durations, total) of one team's `total` rows."""
    middle = (
        scope.referrals(select(duration.label("days")))
        .where(Referral.team_id == team_id, *in_period)
        .order_by(duration)
        .limit(2 - total % 2)
        .offset((total - 1) // 2)
        .subquery()
    )
    return select(literal(team_id).label("team_id"), func.avg(middle.c.days).label("days"),
                  literal(total).label("total"))
