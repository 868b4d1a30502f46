"""What a dashboard request covers: the user, the sites and the period."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from .. import policy
from ..common.clock import today
from ..extensions import db
from ..models.sites import Team

DEFAULT_PERIOD_DAYS = 90


@dataclass(frozen=True)
class Scope:
    """The period runs from `start` to `end`, both days included (UTC dates)."""

    user: object
    site_ids: tuple[int, ...]
    start: date
    end: date
    today: date

    # What the user may see at the chosen sites: the access policy's own conditions.

    def case_condition(self):
        return policy.cases_of_sites(self.user, self.site_ids)

    def access_condition(self):
        return policy.accesses_of_sites(self.user, self.site_ids)

    def referrals(self, query):
        """`query` (on Referral) narrowed to the referrals the user may see at the sites."""
        return policy.referrals_of_sites(self.user, self.site_ids, self.team_ids, query)

    def appointments(self, query):
        """`query` (on Appointment) narrowed to the appointments the user may see at the sites."""
        return policy.appointments_of_sites(self.user, self.site_ids, self.team_ids, query)

    @cached_property
    def sees_all_sites(self) -> bool:
        """May read the sites' totals whole (the tally), not only row by row."""
        return policy.sees_all_of_sites(self.user, self.site_ids)

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def end_before(self) -> datetime:
        """The first instant after the period (exclusive upper bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    @cached_property
    def team_ids(self) -> tuple[int, ...]:
        """The teams of the chosen sites, read once: named as values, they let the database
        plan the referral and appointment figures on the per-team indexes."""
        from sqlalchemy import select


        return tuple(db.session.scalars(
            select(Team.id).where(Team.site_id.in_(self.site_ids)).order_by(Team.id)))

    def in_period(self, column):
        return (column >= self.start_at) & (column < self.end_before)

    def query_args(self) -> dict:
        """The filter as query-string arguments, for links and exports."""
        args = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if len(self.site_ids) == 1 and len(self.user.site_ids) > 1:
            args["site"] = self.site_ids[0]
        return args


def default_period(on: date | None = None) -> tuple[date, date]:
    end = on or today()
    return end - timedelta(days=DEFAULT_PERIOD_DAYS - 1), end


def scope_from_form(user, form) -> Scope:
    """Build the scope from a validated PeriodForm; refused fields fall back to the default."""
    start, end = default_period()
    valid = not form.errors
    if valid and form.start.data:
        start = form.start.data
    if valid and form.end.data:
        end = form.end.data
    if start > end:
        start = end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    site_ids = tuple(sorted(user.site_ids))
    if not form.site.errors and form.site.data:
        site_ids = (int(form.site.data),)
    return Scope(user=user, site_ids=site_ids, start=start, end=end, today=today())
