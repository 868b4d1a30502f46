"""Demo case histories: accesses, cases and referrals, told in the order they happened.

Every action happens after the one it depends on and before "now"; an action that would fall
in the future simply has not happened yet (the referral stays pending, the case open).
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..counter.routing import needs_for_team, suggest_reason, suggest_teams
from ..models.cases import Access, AccessNeed, Case, Referral, ReferralNeed
from ..models.sites import Site, Team
from ..models.users import User
from .demo_casework import Casework
from .texts import ACCESS_DESCRIPTIONS, DECLINE_TEXTS, FOLLOW_UP_DESCRIPTIONS, REFERRAL_TEXTS
from .weights import NEED_WEIGHTS

CLOSING_OUTCOMES = {
    "needs_met": 40, "partially_met": 25, "referred_elsewhere": 10, "lost_contact": 12,
    "moved_away": 8, "withdrawn": 5,
}
REFERRAL_OUTCOMES = {
    "resolved": 50, "partially_resolved": 25, "referred_external": 12, "not_reachable": 8,
    "refused": 5,
}
DECLINE_WEIGHTS = {
    "not_competent": 30, "missing_information": 30, "already_followed": 20, "other": 20,
}


@dataclass
class SiteStaff:
    site: Site
    operator: User
    supervisor: User
    teams: dict[str, Team]
    workers: dict[str, list[User]] = field(default_factory=dict)
    mediators: dict[str, User] = field(default_factory=dict)  # language -> mediator


class Histories:
    def __init__(self, rng, collector, staff: dict[str, SiteStaff], due_days: dict, now,
                 seed: int = 0):
        self.rng = rng
        self.seed = seed
        self.out = collector
        self.staff = staff
        self.due_days = due_days
        self.now = now
        self.work = Casework(rng, collector, self)

    # --- time -------------------------------------------------------------------------------
    def office(self, moment: datetime) -> datetime:
        """The same moment, or the next one in office hours (Mon-Fri, 8:30-17:30 in Italy).

        It draws the same random numbers whatever the moment, so that a story told from
        another date is the same story, shifted."""
        hour, minute = self.rng.randint(7, 15), self.rng.randint(0, 59)
        moment = moment.replace(microsecond=0)
        if moment.hour < 7:
            moment = moment.replace(hour=hour, minute=minute)
        while moment.weekday() >= 5 or moment.hour >= 16:
            moment = (moment + timedelta(days=1)).replace(hour=hour, minute=minute)
        return moment

    def for_person(self, index: int) -> None:
        """Each person's story draws from a generator of its own: what one person's story
        draws (which depends on the date) never changes another's."""
        self.rng = self.work.rng = random.Random(f"{self.seed}:{index}")

    def after(self, moment: datetime, min_hours: float, max_hours: float) -> datetime | None:
        """A moment between min and max hours later, in office hours; None if not yet come."""
        later = self.office(moment + timedelta(hours=self.rng.uniform(min_hours, max_hours)))
        return later if later < self.now else None

    def days_ago(self, low: int, high: int) -> datetime:
        day = self.now.date() - timedelta(days=self.rng.randint(low, high))
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return datetime(day.year, day.month, day.day, self.rng.randint(7, 15),
                        self.rng.randint(0, 59))

    def start_for(self, scenario: str) -> datetime:
        ranges = {"info": (1, 180), "new": (1, 14), "active": (12, 150), "closed": (75, 180),
                  "reopened": (150, 180)}
        return self.days_ago(*ranges[scenario])

    # --- stories ----------------------------------------------------------------------------
    def tell(self, person, scenario: str, start: datetime) -> None:
        staff = self.staff[person.site.code]
        if scenario == "info":
            self._access(person, staff, None, start, self._needs(person), "normal", "information")
        elif scenario == "reopened":
            first = self._case(person, staff, start, "closed")
            if first.status == "closed":
                self._case(person, staff, self.days_ago(5, 40), "active")
        else:
            self._case(person, staff, start, scenario)

    def _case(self, person, staff: SiteStaff, start: datetime, mode: str) -> Case:
        self.work.new_case()
        case = Case(person=person, site=staff.site, status="open", manager=staff.operator,
                    opened_at=start)
        self.out.add(case)
        self.out.event(case, "case_opened", staff.operator, start, person_id=person)
        needs = self._needs(person)
        urgency = "urgent" if "violence" in needs else self.rng.choices(
            ["urgent", "normal", "low"], weights=[15, 70, 15])[0]
        self._access(person, staff, case, start, needs, urgency, "routed")
        ends = [case.opened_at]
        for kind in self._teams_for(needs, person, staff):
            ends.append(self._referral(case, person, staff, kind, needs, urgency, mode))
        accepted = [r for r in case.referrals
                    if r.accepted_at and not getattr(r, "for_appointment", False)]
        if accepted:
            first = min(accepted, key=lambda r: r.accepted_at)
            case.status = "in_progress"
            self.out.event(case, "status_changed", first.assignee, first.accepted_at,
                           on_team=first.team, **{"from": "open", "to": "in_progress"})
            ends.append(self._follow_up(person, staff, case, start, needs))
            ends.append(self.work.care_plan(case, staff, accepted, mode))
        if mode == "closed":
            self._close(case, staff, max(t for t in ends if t))
        return case

    def _close(self, case: Case, staff: SiteStaff, last: datetime) -> None:
        if any(r.is_open for r in case.referrals):
            return
        closed_at = self.after(last, 24, 240)
        if closed_at is None:
            return
        outcome = self._weighted(CLOSING_OUTCOMES)
        self.out.event(case, "case_closed", staff.supervisor, closed_at, outcome=outcome,
                       **{"from": case.status})
        case.status, case.closed_at, case.closing_outcome = "closed", closed_at, outcome

    def _access(self, person, staff, case, at, needs, urgency, outcome) -> Access:
        rng = self.rng
        channel = rng.choices(["walk_in", "phone", "sent_by_service"], weights=[70, 15, 15])[0]
        mediator = staff.mediators.get(person.preferred_language)
        mediator_present = bool(person.interpreter_needed and mediator and channel == "walk_in")
        description = rng.choice(ACCESS_DESCRIPTIONS[needs[0]])
        if len(needs) > 1 and rng.random() < 0.5:
            description += " " + rng.choice(ACCESS_DESCRIPTIONS[needs[1]])
        access = Access(
            person=person, site=staff.site, case=case, occurred_at=at, channel=channel,
            operator=staff.operator, language_used=self._language_used(person, mediator_present),
            mediator_present=mediator_present, urgency=urgency, description=description,
            outcome=outcome, need_rows=[AccessNeed(need=need) for need in needs],
        )
        self.out.add(access)
        if case is not None:
            self.out.event(case, "access_recorded", staff.operator, at, access_id=access,
                           channel=channel, needs=list(needs), urgency=urgency)
        return access

    def _follow_up(self, person, staff, case, start, needs) -> datetime | None:
        if self.rng.random() > 0.4:
            return None
        at = self.after(start, 24 * 7, 24 * 40)
        if at is None:
            return None
        access = self._access(person, staff, case, at, needs[:1], "normal",
                              self.rng.choice(["information", "appointment"]))
        access.channel = self.rng.choice(["phone", "walk_in"])
        access.description = self.rng.choice(FOLLOW_UP_DESCRIPTIONS)
        return at

    def _language_used(self, person, mediator_present: bool) -> str:
        if mediator_present or not person.interpreter_needed:
            return person.preferred_language if mediator_present else "it"
        shared = [code for code in ("fr", "en", "es") if code in person.languages]
        return shared[0] if shared else "it"

    def _needs(self, person) -> list[str]:
        count = self.rng.choices([1, 2, 3], weights=[55, 35, 10])[0]
        needs: list[str] = []
        while len(needs) < count:
            need = self._weighted(NEED_WEIGHTS)
            if need not in needs:
                needs.append(need)
        if person.interpreter_needed and "language_barrier" not in needs and self.rng.random() < 0.3:
            needs.append("language_barrier")
        return needs

    def _teams_for(self, needs, person, staff) -> list[str]:
        return suggest_teams(needs)[:3]

    # --- referrals --------------------------------------------------------------------------
    def _referral(self, case, person, staff, kind, needs, urgency, mode) -> datetime | None:
        team = staff.teams[kind]
        created = case.opened_at + timedelta(minutes=3)
        matching = needs_for_team(kind, needs) or needs[:1]
        referral = Referral(
            case=case, team_id=team.id, team=team, reason=suggest_reason(kind, needs),
            reason_text=REFERRAL_TEXTS[kind], priority=urgency, status="pending",
            due_date=created.date() + timedelta(days=self.due_days[urgency]),
            created_by_id=staff.operator.id, created_at=created,
            need_rows=[ReferralNeed(need=need) for need in matching],
        )
        self.out.event(case, "referral_made", staff.operator, created, on_team=team,
                       referral_id=referral, team_kind=kind, reason=referral.reason,
                       priority=urgency, needs=matching)
        worker = self.work.worker(staff, kind, person)
        path = self._path(mode, worker)
        if path == "declined":
            return self._decline(referral, staff, worker, mode)
        if path == "pending":
            return created
        return self._accept(case, person, staff, referral, worker, path == "completed")

    def _accept(self, case, person, staff, referral, worker, complete: bool) -> datetime:
        """Accepted, worked (appointments, notes) and, if `complete`, completed."""
        team, kind = referral.team, referral.team.kind
        accepted_at = self.after(referral.created_at, 2, 120)
        if accepted_at is None:
            return referral.created_at
        referral.status, referral.assignee, referral.accepted_at = "accepted", worker, accepted_at
        self.out.event(case, "referral_accepted", worker, accepted_at, on_team=team,
                       referral_id=referral, team=kind, assignee_id=worker)
        last = self.work.do(case, person, staff, referral, worker, accepted_at)
        if not complete:
            return self.work.upcoming(case, person, staff, referral, worker, last)
        done = self.after(last, 24, 24 * 30)
        if done is None:
            return last
        outcome = self._weighted(REFERRAL_OUTCOMES)
        referral.status, referral.completed_at, referral.outcome = "completed", done, outcome
        self.out.event(case, "referral_completed", worker, done, on_team=team,
                       referral_id=referral, team=kind, outcome=outcome)
        return done

    def _path(self, mode: str, worker) -> str:
        if mode == "new":
            return "pending"
        if worker is None:  # nobody in that team at this site
            return "declined" if mode == "closed" or self.rng.random() < 0.6 else "pending"
        if mode == "closed":
            return "completed" if self.rng.random() < 0.85 else "declined"
        return self.rng.choices(["pending", "accepted", "completed", "declined"],
                                weights=[12, 43, 30, 15])[0]

    def _decline(self, referral, staff, worker, mode) -> datetime | None:
        declined_at = self.after(referral.created_at, 2, 96)
        if declined_at is None:
            return referral.created_at
        reason = "no_capacity" if worker is None else self._weighted(DECLINE_WEIGHTS)
        referral.status, referral.declined_at = "declined", declined_at
        referral.decline_reason, referral.decline_text = reason, DECLINE_TEXTS[reason]
        self.out.event(referral.case, "referral_declined", worker or staff.supervisor,
                       declined_at, on_team=referral.team, referral_id=referral,
                       team=referral.team.kind, reason=reason)
        if mode == "closed":
            referral.rerouted_at = self.after(declined_at, 2, 48)
        return referral.rerouted_at or declined_at

    def _weighted(self, weights: dict) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

