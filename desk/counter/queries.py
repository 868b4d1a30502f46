"""Loading what the counter's pages show, always through the access policy."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from .. import policy
from ..audit.search import person_access_log, users_by_id
from ..common.clock import day_start_utc, today, utcnow
from ..extensions import db
from ..models.cases import Access, Case, Referral
from ..models.people import Person
from ..models.plan import Appointment


def recent_accesses(user, person: Person, limit: int = 10) -> list[Access]:
    """The person's latest accesses that `user` may see (a team member: those of the cases
    referred to the team)."""
    return list(db.session.scalars(
        policy.visible_accesses(user).where(Access.person_id == person.id)
        .order_by(Access.occurred_at.desc(), Access.id.desc()).limit(limit)
    ))


def open_cases(user, person: Person) -> list[Case]:
    return list(db.session.scalars(
        policy.visible_cases(user).where(Case.person_id == person.id, Case.status != "closed")
    ))


def todays_accesses(user):
    """Today's accesses at my sites, the latest first (a select, to be paginated)."""
    day = today()
    start, end = day_start_utc(day), day_start_utc(day + timedelta(days=1))
    # By the (site, time) index: not a walk over the site's people.
    return (
        policy.visible_accesses(user)
        .where(Access.site_id.in_(user.site_ids), Access.occurred_at >= start,
               Access.occurred_at < end)
        .options(selectinload(Access.person))
        .order_by(Access.occurred_at.desc(), Access.id.desc())
    )


# The desk home counts the declined referrals waiting up to this many, then says "more than"
# (a count of all would test every one's case: it grew with the data, issue 21).
DECLINED_COUNT_CAP = 500


def _declined_waiting(user):
    # Walks the small partial index of declined referrals not yet routed again, oldest first,
    # testing each one's case, until the page is full. A declined interpreter request is not
    # the desk's to route again: the booking team sees it on the appointment. It is left out
    # by coalesce(), which no index answers: `appointment_id IS NULL` let SQLite read the
    # unique index on appointment_id instead, all of it (models.cases.DECLINED_WAITING).
    return select(Referral).where(Referral.status == "declined", Referral.rerouted_at.is_(None),
                                  func.coalesce(Referral.appointment_id, 0) == 0,
                                  policy.referral_condition(user))


def declined_page(user, limit: int):
    """The `limit` declined referrals waiting longest (a select)."""
    return _declined_waiting(user).order_by(Referral.declined_at, Referral.id).limit(limit)


def declined_count(user, cap: int):
    """How many declined referrals wait, counted up to `cap` + 1 (a select)."""
    first = _declined_waiting(user).with_only_columns(Referral.id).limit(cap + 1)
    return select(func.count()).select_from(first.subquery())


def declined_awaiting_rerouting(user, *, cap: int, limit: int = 50) -> tuple[list[Referral], int]:
    """The declined referrals the desk has still to route again, those waiting longest first
    (at most `limit`), and how many there are in all: counted only when the list is full, and
    only up to `cap` + 1 (more than `cap`: the page says so)."""
    shown = list(db.session.scalars(declined_page(user, limit).options(
        selectinload(Referral.case).selectinload(Case.person))))
    if len(shown) < limit:
        return shown, len(shown)
    return shown, db.session.scalar(declined_count(user, cap))


def site_appointments(user, first_day, days: int = 2) -> list[Appointment]:
    """The appointments at my sites from the start of `first_day` for `days` desk days, in
    time order, on the cases the user may see (policy.visible_appointments)."""
    start, end = day_start_utc(first_day), day_start_utc(first_day + timedelta(days=days))
    return list(db.session.scalars(
        policy.visible_appointments(user)
        .where(Appointment.starts_at >= start, Appointment.starts_at < end)
        .options(joinedload(Appointment.case).joinedload(Case.person), joinedload(Appointment.team))
        .order_by(Appointment.starts_at, Appointment.id)
    ))


def upcoming_appointments(user, case: Case | None) -> list[Appointment]:
    if case is None:
        return []
    return list(db.session.scalars(
        policy.case_records(user, Appointment, case.id)
        .where(Appointment.starts_at >= utcnow() - timedelta(hours=1))
        .order_by(Appointment.starts_at).limit(5)
    ))


def access_log(user, person: Person, limit: int = 50) -> list[tuple]:
    """Who viewed or changed this person's record, for those allowed to see it (supervisors):
    (row, user name) pairs, newest first. Empty for everyone else."""
    if not policy.can(user, "view_audit_of_person"):
        return []

    rows = list(db.session.scalars(person_access_log(person.id, limit)))
    names = users_by_id(rows)
    return [(row, names[row.user_id].name if row.user_id in names else "—") for row in rows]
