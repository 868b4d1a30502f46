"""The lists behind the dashboard's numbers. Every query starts from a permission-scoped
helper of the access policy (desk/policy) and narrows it with the filters of the link that was followed."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select

from ..common.forms import parse_day
from ..models.cases import Access, AccessNeed, Case, Referral
from ..models.people import Person
from ..models.plan import Appointment
from ..policy import visible_accesses, visible_appointments, visible_cases, visible_referrals
from ..vocab.codes import APPOINTMENT_OUTCOMES, CASE_STATUSES, CHANNELS, DECLINE_REASONS, NEEDS, REFERRAL_STATUSES
from . import metrics
from .flows import access_language
from .scope import Scope

REACHED = {
    "accepted": Referral.accepted_at,
    "completed": Referral.completed_at,
    "declined": Referral.declined_at,
    "created": Referral.created_at,
}


MAX_ID = 2**31 - 1  # an INTEGER column: a larger number names nothing


def id_arg(value) -> int | None:
    """A record id from the query string, or None if it cannot be one."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def referral_list(scope: Scope, args) -> Select:
    query = visible_referrals(scope.user).where(Case.site_id.in_(scope.site_ids))
    if (team := id_arg(args.get("team"))) is not None:
        query = query.where(Referral.team_id == team)
    assignee = args.get("assignee")
    if assignee == "none":
        query = query.where(Referral.assignee_id.is_(None))
    elif (worker := id_arg(assignee)) is not None:
        query = query.where(Referral.assignee_id == worker)
    state = args.get("state")
    if state == "open":
        query = query.where(Referral.status.in_(metrics.OPEN_REFERRAL))
    elif state in REFERRAL_STATUSES:
        query = query.where(Referral.status == state)
    if args.get("overdue") == "1":
        query = query.where(metrics.overdue_condition(scope))
    if args.get("age") in {key for key, *_ in metrics.AGE_BUCKETS}:
        query = query.where(metrics.age_bucket_condition(scope, args["age"]))
    if (reached := REACHED.get(args.get("reached"))) is not None:
        query = query.where(reached.is_not(None), scope.in_period(reached))
        if args.get("reached") == "declined":
            query = query.where(Referral.status == "declined")
    if args.get("reason") in DECLINE_REASONS:
        query = query.where(Referral.decline_reason == args["reason"])
    return query.order_by(Referral.due_date, Referral.id)


def case_list(scope: Scope, args) -> Select:
    query = visible_cases(scope.user).where(Case.site_id.in_(scope.site_ids))
    status = args.get("status")
    if status in CASE_STATUSES:
        query = query.where(Case.status == status)
    elif status != "all":
        query = query.where(Case.status != "closed")
    return query.order_by(Case.opened_at.desc(), Case.id.desc())


def _week(value) -> date | None:
    return parse_day(value)


def access_list(scope: Scope, args) -> Select:
    query = (
        visible_accesses(scope.user)
        .join(Person, Access.person_id == Person.id)
        .where(Access.site_id.in_(scope.site_ids), scope.in_period(Access.occurred_at))
    )
    if (monday := _week(args.get("week"))) is not None:
        start = datetime.combine(monday, time.min)
        query = query.where(Access.occurred_at >= start,
                            Access.occurred_at < start + timedelta(days=7))
    if args.get("channel") in CHANNELS:
        query = query.where(Access.channel == args["channel"])
    if args.get("need") in NEEDS:
        query = query.where(
            select(AccessNeed.access_id)
            .where(AccessNeed.access_id == Access.id, AccessNeed.need == args["need"])
            .exists()
        )
    for arg, column in (("nationality", Person.nationality), ("language", access_language())):
        value = args.get(arg)
        if value == "none":
            query = query.where(column.is_(None))
        elif value:
            query = query.where(column == value[:8])
    return query.order_by(Access.occurred_at.desc(), Access.id.desc())


def appointment_list(scope: Scope, args) -> Select:

    query = visible_appointments(scope.user).where(
        Case.site_id.in_(scope.site_ids), scope.in_period(Appointment.starts_at)
    )
    if (team := id_arg(args.get("team"))) is not None:
        query = query.where(Appointment.team_id == team)
    outcome = args.get("outcome")
    if outcome == "none":
        query = query.where(Appointment.outcome.is_(None))
    elif outcome in APPOINTMENT_OUTCOMES:
        query = query.where(Appointment.outcome == outcome)
    if interpreter := args.get("interpreter"):
        query = query.where(Appointment.interpreter_language == interpreter[:8])
    return query.order_by(Appointment.starts_at.desc(), Appointment.id.desc())
