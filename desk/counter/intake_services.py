"""The counter's one transaction: record the access, open or find the case, route to teams.

Services flush and never commit; the request commits once (common.transactions).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import bindparam, select

from ..audit.services import audit
from ..common.clock import today, utcnow
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.cases import Access, AccessNeed, Case, Referral, ReferralNeed
from ..models.history import record_event
from ..models.sites import ServiceLevel, Team
from ..notifications import services as notifications
from ..policy import person_records, visible_accesses
from .routing import SiteRouting
from .services import has_consent


@dataclass
class Route:
    team_kind: str
    reason: str
    priority: str = "normal"


@dataclass
class IntakeData:
    channel: str
    needs: list[str]
    urgency: str = "normal"
    language_used: str | None = None
    mediator_present: bool = False
    description: str | None = None
    outcome: str | None = None
    routes: list[Route] = field(default_factory=list)
    override_reason: str | None = None


class ConsentMissing(ActionRefused):
    """Routing needs consent to share data; only a role allowed to override may go on."""


def open_case_of(actor, person, site_id: int) -> Case | None:
    return db.session.scalar(
        person_records(actor, Case, person.id).where(Case.site_id == site_id,
                                                     Case.status != "closed"))


def access_by_token(actor, token: str | None) -> Access | None:
    """The access a form with this token recorded already (a resubmitted form)."""
    if not token:
        return None
    return db.session.scalar(visible_accesses(actor).where(Access.form_token == token))


def check_consent(actor, person, data: IntakeData, may_override: bool) -> bool:
    """True if routing goes ahead on an override; raises ConsentMissing if it may not."""
    if not data.routes or has_consent(person):
        return False
    if may_override and (data.override_reason or "").strip():
        return True
    raise ConsentMissing("consent")


def record_access(actor, person, data: IntakeData, form_token: str | None,
                  case: Case | None = None) -> Access:
    access = Access(
        person_id=person.id, site_id=person.site_id, case_id=case.id if case else None,
        channel=data.channel,
        operator_id=actor.id, language_used=data.language_used,
        mediator_present=data.mediator_present, urgency=data.urgency,
        description=data.description, outcome=data.outcome, form_token=form_token,
        occurred_at=utcnow(),
    )
    access.need_rows = [AccessNeed(need=need) for need in dict.fromkeys(data.needs)]
    db.session.add(access)
    db.session.flush()
    return access


def _open_case(actor, person) -> Case:
    case = Case(person_id=person.id, site_id=person.site_id, status="open", manager_id=actor.id)
    db.session.add(case)
    db.session.flush()
    record_event(case, "case_opened", actor, payload={"person_id": person.id})
    return case


def _team(routing: SiteRouting, kind: str) -> Team:
    """The site's active team of this kind (from the teams its routing already read)."""
    team = next((t for t in routing.teams if t.kind == kind), None)
    if team is None:
        raise ActionRefused(kind)
    return team


@cache
def _service_level_days():
    return select(ServiceLevel.days).where(ServiceLevel.team_id == bindparam("team_id"),
                                           ServiceLevel.priority == bindparam("priority"))


def due_date(team: Team, priority: str):
    """Today plus the team's service level for this priority, or the desk-wide default (the
    one row asked for, not the team's rows loaded as objects)."""
    days = db.session.scalar(_service_level_days(), {"team_id": team.id, "priority": priority})
    if days is None:
        days = current_app.config["REFERRAL_DUE_DAYS"][priority]
    return today() + timedelta(days=days)


def route_case(actor, case: Case, routes: list[Route], needs: list[str],
               routing: SiteRouting | None = None, opened: bool = False) -> list[Referral]:
    """Refer the case to the teams of `routes`; `routing` is its site's, when already read;
    `opened`: the case was opened by this action (no referral of it was declined yet)."""
    routing = routing or SiteRouting.of_site(case.site_id)
    referrals = []
    for route in routes:
        team = _team(routing, route.team_kind)
        referral = Referral(
            case_id=case.id, team_id=team.id, reason=route.reason, priority=route.priority,
            due_date=due_date(team, route.priority), status="pending",
            created_by_id=actor.id, created_at=utcnow(),
        )
        referral.need_rows = [ReferralNeed(need=n) for n in routing.needs_for_team(team.kind, needs)]
        db.session.add(referral)
        db.session.flush()
        record_event(case, "referral_made", actor, team=team, payload={
            "referral_id": referral.id, "team_kind": team.kind, "reason": route.reason,
            "priority": route.priority, "needs": referral.needs,
        })
        notifications.referral_made(actor, referral)
        referrals.append(referral)
    if not opened:
        _mark_declined_rerouted(case)
    return referrals


def _mark_declined_rerouted(case: Case) -> None:
    """Routing again answers the desk's list of declined referrals for this case."""
    for referral in db.session.scalars(
        select(Referral).where(Referral.case_id == case.id, Referral.status == "declined",
                               Referral.rerouted_at.is_(None))
    ):
        referral.rerouted_at = utcnow()


def record_intake(actor, person, data: IntakeData, form_token: str | None,
                  may_override: bool = False, routing: SiteRouting | None = None) -> Access:
    """Access + (case opened or found) + referrals + timeline, in the caller's transaction;
    `routing` is the person's site's, when the caller already read it."""
    overriding = check_consent(actor, person, data, may_override)
    if data.routes and not data.outcome:
        data.outcome = "routed"
    # The case first, so the access is written once, with it.
    case = open_case_of(actor, person, person.site_id)
    opened = bool(data.routes) and case is None
    if opened:
        case = _open_case(actor, person)
    access = record_access(actor, person, data, form_token, case)
    if case is not None:
        record_event(case, "access_recorded", actor, payload={
            "access_id": access.id, "channel": data.channel, "needs": access.needs,
            "urgency": data.urgency})
        if overriding:
            record_event(case, "consent_override", actor,
                         payload={"reason": data.override_reason.strip()[:2000]})
        route_case(actor, case, data.routes, data.needs, routing, opened)
    db.session.flush()
    audit("create", access, person_id=person.id)
    return access
