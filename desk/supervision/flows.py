"""What arrived at the desk within the period: accesses, needs, interpreter demand,
appointments and declined referrals. Aggregated in SQL; accesses and needs are read from the
per-day tally (models/tally.py) when the user sees the whole sites."""

from sqlalchemy import Select, and_, func, select

from ..extensions import db
from ..models.cases import Access, AccessNeed, Referral
from ..models.people import Person
from ..models.plan import Appointment
from ..models.sites import Team
from ..models.tally import NOT_RECORDED, AccessTally
from ..models.users import User, UserLanguage, team_membership
from . import tallied, tally_writes
from .metrics import count_if
from .scope import Scope
from .sqlfuncs import month_of, week_start


def access_scope(scope: Scope):
    return and_(scope.access_condition(), scope.in_period(Access.occurred_at))


def access_language():
    """The language spoken at the access, else the person's preferred language."""
    return func.coalesce(Access.language_used, Person.preferred_language)


def _tallied(scope: Scope, dimension: str, *columns) -> Select | None:
    """The tally rows of one dimension within the period, for a user who sees whole sites
    (else None: the raw rows are counted through the access rules)."""
    if not scope.sees_all_sites:
        return None
    tally_writes.write_pending(db.session)  # what this transaction changed, counted in
    return select(*columns).where(
        AccessTally.site_id.in_(scope.site_ids), AccessTally.dimension == dimension,
        AccessTally.day >= scope.start, AccessTally.day <= scope.end)


def accesses_per_week(scope: Scope) -> list[tuple[str, str, int]]:
    """(Monday of the week 'YYYY-MM-DD', channel, count)."""
    week, total = week_start(AccessTally.day), func.sum(AccessTally.count)
    query = _tallied(scope, "channel", week, AccessTally.code, total)
    if query is not None:
        query = query.group_by(week, AccessTally.code).having(total > 0).order_by(
            week, AccessTally.code)
    else:
        week = week_start(Access.occurred_at)
        query = (
            select(week, Access.channel, func.count())
            .where(access_scope(scope))
            .group_by(week, Access.channel)
            .order_by(week, Access.channel)
        )
    return [tuple(row) for row in db.session.execute(query)]


def tally_by_month(scope: Scope, dimension: str) -> list[tuple[int, str | None, str, int]]:
    """(site id, code or None if not recorded, month 'YYYY-MM', count) of one dimension of the
    tally within the period: the dashboard's counts, per site and month (the observatory)."""
    code, month = func.nullif(AccessTally.code, NOT_RECORDED), month_of(AccessTally.day)
    total = func.sum(AccessTally.count)
    query = _tallied(scope, dimension, AccessTally.site_id, code, month, total)
    if query is None:
        raise PermissionError("the tally is read whole only by who sees the whole sites")
    query = query.group_by(AccessTally.site_id, code, month).having(total > 0)
    return [tuple(row) for row in db.session.execute(query)]


def _needs_by(scope: Scope, dimension: str, column) -> list[tuple[str | None, int]]:
    code, total = func.nullif(AccessTally.code, NOT_RECORDED), func.sum(AccessTally.count)
    query = _tallied(scope, dimension, code, total)
    if query is not None:
        query = query.group_by(code).having(total > 0).order_by(total.desc(), code)
        return [tuple(row) for row in db.session.execute(query)]
    query = (
        select(column, func.count())
        .select_from(AccessNeed)
        .join(Access, AccessNeed.access_id == Access.id)
        .where(access_scope(scope))
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    if column is not AccessNeed.need:
        query = query.join(Person, Access.person_id == Person.id)
    return [tuple(row) for row in db.session.execute(query)]


def needs_by_category(scope: Scope):
    """(need code, times expressed) — an access with three needs counts once for each."""
    return _needs_by(scope, "need", AccessNeed.need)


def needs_by_nationality(scope: Scope):
    return _needs_by(scope, "nationality", Person.nationality)


def needs_by_language(scope: Scope):
    return _needs_by(scope, "language", access_language())


def with_interpreter_requests(query: Select) -> Select:
    """`query` (on Appointment) with each appointment's interpreter request, if any (at most
    one: teamwork/interpreter_services.py), for `interpreter_request_counts`."""
    return query.outerjoin(Referral, Referral.appointment_id == Appointment.id)


def interpreter_request_counts() -> tuple:
    """Interpreter requests made, confirmed (a mediator accepted, whatever came after) and
    declined, over the rows of `with_interpreter_requests`."""
    return (
        func.count(Referral.id).label("requested"),
        count_if(Referral.accepted_at.is_not(None)).label("confirmed"),
        count_if(Referral.status == "declined").label("declined"),
    )


def interpreter_demand(scope: Scope) -> list[dict]:
    """Per language: appointments with an interpreter, mediator hours, the interpreter
    requests made, confirmed and declined, and the active mediators of the sites who speak
    it."""
    mediators = _mediators(scope)
    if scope.sees_all_sites:
        return tallied.interpreter_demand(
            scope, {language: n for language, n in db.session.execute(select(mediators))})
    demand = _demand(scope)
    query = (
        select(demand, func.coalesce(mediators.c.mediators, 0).label("mediators"))
        .outerjoin(mediators, mediators.c.language == demand.c.language)
        .order_by(demand.c.minutes.desc(), demand.c.language)
    )
    return [
        dict(row._mapping, hours=round(row.minutes / 60, 2)) for row in db.session.execute(query)
    ]


def _mediators(scope: Scope):
    """(language, active mediators of the sites who speak it)."""
    return (
        select(UserLanguage.language, func.count(func.distinct(User.id)).label("mediators"))
        .join(User, UserLanguage.user_id == User.id)
        .join(team_membership, team_membership.c.user_id == User.id)
        .join(Team, team_membership.c.team_id == Team.id)
        .where(Team.kind == "mediation", Team.site_id.in_(scope.site_ids), User.active)
        .group_by(UserLanguage.language)
        .subquery()
    )


def _demand(scope: Scope):
    return (
        with_interpreter_requests(scope.appointments(select(
            Appointment.interpreter_language.label("language"),
            func.count().label("appointments"),
            func.coalesce(func.sum(Appointment.duration_minutes), 0).label("minutes"),
            *interpreter_request_counts(),
        )))
        .where(scope.in_period(Appointment.starts_at),
               Appointment.interpreter_language.is_not(None))
        .group_by(Appointment.interpreter_language)
        .subquery()
    )


def appointment_outcomes(scope: Scope) -> list[dict]:
    """Per team: appointments in the period attended, missed, and past without an outcome."""
    if scope.sees_all_sites:
        return tallied.appointment_outcomes(scope)
    outcome = Appointment.outcome
    query = (
        scope.appointments(select(
            Team.id.label("team_id"), Team.site_id, Team.kind, Team.name,
            count_if(outcome == "attended").label("attended"),
            count_if(outcome == "no_show").label("missed"),
            count_if(outcome.is_(None)).label("unrecorded"),
        ).select_from(Appointment))
        .join(Team, Appointment.team_id == Team.id)
        .where(scope.in_period(Appointment.starts_at))
        .group_by(Team.id, Team.site_id, Team.kind, Team.name)
        .order_by(Team.site_id, Team.id)
    )
    return [dict(row._mapping) for row in db.session.execute(query)]


def declined_referrals(scope: Scope) -> list[tuple[str | None, int]]:
    """(decline reason, count) of the referrals declined within the period."""
    if scope.sees_all_sites:
        return tallied.declined_referrals(scope)
    query = (
        scope.referrals(select(Referral.decline_reason, func.count()))
        .where(Referral.status == "declined", scope.in_period(Referral.declined_at))
        .group_by(Referral.decline_reason)
        .order_by(func.count().desc(), Referral.decline_reason.is_(None), Referral.decline_reason)
    )
    return [tuple(row) for row in db.session.execute(query)]
