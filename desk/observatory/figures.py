"""The observatory's counts, per site and month of one period, read through the access
policy's "several sites at once" conditions (a coordinator counts, never lists).

Accesses and needs come from the dashboard's tally (supervision.flows.tally_by_month); the
interpreter requests from the dashboard's own counting (flows.with_interpreter_requests,
interpreter_request_counts); waiting times from supervision.metrics.median_days. Each
function returns rows (site id, code, ..., month 'YYYY-MM', count) for the cubes
(observatory.cubes), which add them up per province.
"""

from sqlalchemy import and_, case, exists, func, literal, or_, select

from .. import policy
from ..extensions import db
from ..models import permits
from ..models.cases import Access, AccessNeed, Case, Referral
from ..models.directory import Organisation
from ..models.external_referrals import ExternalReferral
from ..models.people import Person, ResidenceDocument
from ..models.plan import Appointment
from ..models.sites import Site, Team
from ..models.training import Training, training_attendance
from ..models.users import User, UserRole, user_site
from ..supervision.figure_services import Scope, flows, month_of
from ..vocab.training import REQUIRED_STREAMS, STREAMS

# A need is met if a referral (to a team or an outside service) follows within these days.
FOLLOW_UP_DAYS = 30
OPEN = "open"


def tally(scope: Scope, dimension: str) -> list[tuple]:
    """(site, code, month, count): accesses by channel, or needs by need, nationality or
    language (the dashboard's tally)."""
    return flows.tally_by_month(scope, dimension)


def people(scope: Scope) -> list[tuple]:
    """(province, month or None for the whole period, people who came): each person counted
    once per province and month, and once per province over the period."""
    month = month_of(Access.occurred_at)
    condition = and_(scope.access_condition(), scope.in_period(Access.occurred_at))
    people = func.count(func.distinct(Access.person_id))
    per_month = (select(Site.province, month, people).join(Site, Site.id == Access.site_id)
                 .where(condition).group_by(Site.province, month))
    whole = (select(Site.province, literal(None), people).join(Site, Site.id == Access.site_id)
             .where(condition).group_by(Site.province))
    return [tuple(r) for r in db.session.execute(per_month)] + [
        tuple(r) for r in db.session.execute(whole)]


def interpreter_requests(scope: Scope) -> list[tuple]:
    """(site, language, 'served' or 'unmet', month, count) of the interpreter requests made
    for appointments within the period: served = a mediator confirmed it."""
    requested, confirmed, _declined = flows.interpreter_request_counts()
    month = month_of(Appointment.starts_at)
    query = (
        flows.with_interpreter_requests(scope.appointments(select(
            Team.site_id, Appointment.interpreter_language, month, requested, confirmed)))
        .join(Team, Team.id == Appointment.team_id)
        .where(scope.in_period(Appointment.starts_at),
               Appointment.interpreter_language.is_not(None))
        .group_by(Team.site_id, Appointment.interpreter_language, month)
    )
    rows = []
    for site, language, m, asked, served in db.session.execute(query):
        rows += [(site, language, "served", m, served), (site, language, "unmet", m, asked - served)]
    return rows


def referral_state():
    """What became of a referral: completed, declined as not the team's remit, declined for
    another reason, or still open."""
    return case(
        (Referral.status == "completed", literal("completed")),
        (and_(Referral.status == "declined", Referral.decline_reason == "not_competent"),
         literal("not_competent")),
        (Referral.status == "declined", literal("declined")),
        else_=literal(OPEN))


def referrals(scope: Scope) -> list[tuple]:
    """(site, team kind, state, month made, count) of the referrals made within the period."""
    month, state = month_of(Referral.created_at), referral_state()
    query = (
        scope.referrals(select(Team.site_id, Team.kind, state, month, func.count()))
        .join(Team, Team.id == Referral.team_id)
        .where(scope.in_period(Referral.created_at))
        .group_by(Team.site_id, Team.kind, state, month)
    )
    return [tuple(r) for r in db.session.execute(query)]


def external_referrals(scope: Scope) -> list[tuple]:
    """(site, organisation kind, outcome or 'open', month sent, count)."""
    month = month_of(ExternalReferral.sent_at)
    outcome = func.coalesce(ExternalReferral.outcome, OPEN)
    query = (
        select(Case.site_id, Organisation.kind, outcome, month, func.count())
        .select_from(ExternalReferral)
        .join(Case, Case.id == ExternalReferral.case_id)
        .join(Organisation, Organisation.id == ExternalReferral.organisation_id)
        .where(policy.external_referrals_of_sites(scope.user, scope.site_ids),
               scope.in_period(ExternalReferral.sent_at))
        .group_by(Case.site_id, Organisation.kind, outcome, month)
    )
    return [tuple(r) for r in db.session.execute(query)]


def _followed():
    """A referral to a team or to an outside service made on the access's case from the
    access on (routing is written right after the access it comes from)."""
    internal = exists().where(Referral.case_id == Access.case_id,
                              Referral.created_at >= Access.occurred_at).correlate(Access)
    external = exists().where(ExternalReferral.case_id == Access.case_id,
                              ExternalReferral.sent_at >= Access.occurred_at).correlate(Access)
    return or_(internal, external)


def unmet_needs(scope: Scope) -> list[tuple]:
    """(site, need, month, count) of the needs expressed at an access within the period that
    did not end with information given and that no referral followed (see _followed)."""
    month = month_of(Access.occurred_at)
    query = (
        select(Access.site_id, AccessNeed.need, month, func.count())
        .join(Access, AccessNeed.access_id == Access.id)
        .where(scope.access_condition(), scope.in_period(Access.occurred_at),
               or_(Access.outcome.is_(None), Access.outcome != "information"),
               ~_followed())
        .group_by(Access.site_id, AccessNeed.need, month)
    )
    return [tuple(r) for r in db.session.execute(query)]


def permits_by_month(scope: Scope) -> list[tuple]:
    """(site, 'documents', month of expiry, count) of the residence documents of the people
    of the sites expiring within the period and not replaced by a later one."""
    month = month_of(ResidenceDocument.expiry_date)
    query = (
        select(Person.site_id, literal("documents"), month, func.count())
        .join(Person, Person.id == ResidenceDocument.person_id)
        .where(policy.people_of_sites(scope.user, scope.site_ids),
               ResidenceDocument.expiry_date >= scope.start,
               ResidenceDocument.expiry_date <= scope.end,
               ResidenceDocument.doc_type.not_in(permits.NO_EXPIRY),
               ~permits.replaced_condition())
        .group_by(Person.site_id, month)
    )
    return [tuple(r) for r in db.session.execute(query)]


# The columns of the staff training table: one per stream (a member with at least one training
# in it), and one per required stream (a member with none in it).
NO_PREFIX = "no_"


def staff_training_columns() -> tuple[str, ...]:
    return (*STREAMS, *[NO_PREFIX + s for s in REQUIRED_STREAMS])


def staff_training(scope: Scope) -> list[tuple]:
    """(province, column, staff members): the active staff in a content role of the sites in
    scope, each counted once per province they work in, with the trainings they attended
    (wherever held) on or before the end of the period. Counts only, never who."""
    staff = db.session.execute(
        select(user_site.c.user_id, Site.province).distinct()
        .join(Site, Site.id == user_site.c.site_id)
        .join(User, User.id == user_site.c.user_id)
        .where(user_site.c.site_id.in_(scope.site_ids), User.active.is_(True))
        .where(exists().where(UserRole.user_id == User.id,
                              UserRole.role.in_(policy.CONTENT_ROLES)))).all()
    streams: dict[int, set[str]] = {}
    for user_id, stream in db.session.execute(
            select(training_attendance.c.user_id, Training.stream)
            .join(Training, Training.id == training_attendance.c.training_id)
            .where(Training.held_on <= scope.end)):
        streams.setdefault(user_id, set()).add(stream)
    counts: dict[tuple, int] = {}
    for user_id, province in staff:
        had = streams.get(user_id, set())
        columns = [s for s in STREAMS if s in had] + [
            NO_PREFIX + s for s in REQUIRED_STREAMS if s not in had]
        for column in columns:
            counts[(province, column)] = counts.get((province, column), 0) + 1
    return [(province, column, n) for (province, column), n in sorted(counts.items())]
