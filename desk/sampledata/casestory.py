"""The care process of one synthetic case: accesses, referrals through their states, notes,
appointments, care plan, conferences, and the timeline events of each step."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..counter.routing import needs_for_team, suggest_reason, suggest_teams
from ..vocab.codes import CASE_OUTCOMES, DECLINE_REASONS, TEAM_REFERRAL_OUTCOMES
from .story import interpreter_request, story_needs
from .texts import CONFERENCE_DECISIONS, GOALS, MEDIATOR_NOTES, NOTE_TEXT, TEAM_NOTES
from .weights import NEED_WEIGHTS

HEAVY_EVERY = 20_000  # one person in this many has a long case history
HEAVY_EVENTS = 200


@dataclass
class SiteStaff:
    site_id: int
    operators: list[int]
    supervisor: int
    team_ids: dict[str, int]  # kind -> team id
    members: dict[str, list[int]]  # kind -> user ids
    mediator_languages: dict[int, list[str]] = field(default_factory=dict)
    province: str = ""


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class CaseStory:
    rng: random.Random
    now: datetime
    rows: dict
    ids: dict
    due_days: dict

    def case(self, subject: dict, staff: SiteStaff, status: str, opened: datetime,
             heavy: bool) -> datetime:
        """Rows of one case; returns the time of its last event."""
        rng = self.rng
        case_id = self.ids["case_file"]()
        row = {"id": case_id, "person_id": subject["id"], "site_id": staff.site_id,
               "status": status, "manager_id": rng.choice(staff.operators), "opened_at": opened,
               "closed_at": None, "closing_outcome": None, "version": 1}
        self.rows["case_file"].append(row)
        self.times: list[datetime] = [opened]
        operator = row["manager_id"]
        self.event(case_id, opened, "case_opened", operator)
        needs = self._needs(subject, staff, opened)
        self.access(subject, staff, case_id, opened, "routed", needs, operator)
        horizon = opened + timedelta(days=200) if status == "closed" else self.now
        for _ in range(min(4, int(rng.expovariate(1.0)))):
            at = self._between(opened, horizon)
            if at:
                self.access(subject, staff, case_id, at, rng.choice(("information", "appointment")))
        kinds = suggest_teams(needs)[:3]
        if subject["interpreter"] and "mediation" not in kinds and rng.random() < 0.5:
            kinds.append("mediation")
        for number, kind in enumerate(kinds):
            self.referral(subject, staff, case_id, status, opened, kind, number, needs)
        if subject["document"] and rng.random() < 0.3:
            self.event(case_id, self._between(opened, horizon) or opened, "document_added",
                       operator, payload={"doc_type": subject["document"]})
        if status != "open" and rng.random() < 0.4:
            for kind in kinds:
                self._goal(staff, case_id, kind, opened, horizon)
        if len(kinds) > 1 and rng.random() < 0.08:
            self._conference(staff, case_id, kinds, opened, horizon)
        if heavy and kinds:  # a team's notes (a case referred nowhere has none)
            while len(self.times) < HEAVY_EVENTS:
                kind = rng.choice(kinds)
                self.note(subject, staff, case_id, kind, self._between(opened, horizon) or opened)
        if status == "in_progress":
            changed = min(self.now, opened + timedelta(hours=rng.randint(2, 100)))
            self.event(case_id, changed, "status_changed",
                       operator, payload={"from": "open", "to": "in_progress"})
        last = max(self.times)
        if status == "closed":
            closed = min(self.now, last + timedelta(days=rng.uniform(1, 30)))
            outcome = weighted(rng, {c: 1 for c in CASE_OUTCOMES} | {"needs_met": 5,
                                                                      "partially_met": 3})
            row.update(closed_at=closed, closing_outcome=outcome)
            self.event(case_id, closed, "case_closed", operator, payload={"outcome": outcome})
            last = closed
        return last

    def _needs(self, subject: dict, staff: SiteStaff, at: datetime) -> list[str]:
        needs = {weighted(self.rng, NEED_WEIGHTS) for _ in range(self.rng.randint(1, 3))}
        if subject["interpreter"] and self.rng.random() < 0.4:
            needs.add("language_barrier")
        return sorted(story_needs(self.rng, staff.province, self.now, at, needs))

    def _between(self, start: datetime, end: datetime) -> datetime | None:
        end = min(end, self.now)
        if end <= start:
            return None
        return start + (end - start) * self.rng.random()

    def _later(self, start: datetime, max_days: float, clamp=False) -> datetime | None:
        """A time up to max_days after start; None if that is in the future (unless clamp)."""
        if clamp:
            max_days = min(max_days, (self.now - start).total_seconds() / 86400)
        at = start + timedelta(days=self.rng.uniform(0.0, max_days))
        return at if at <= self.now else None

    def event(self, case_id, at, kind, actor, team_id=None, payload=None, visibility="all"):
        self.times.append(at)
        self.rows["timeline_event"].append({
            "case_id": case_id, "occurred_at": at, "actor_id": actor, "team_id": team_id,
            "kind": kind, "payload": payload or {}, "visibility": visibility,
        })

    def access(self, subject, staff, case_id, at, outcome, needs=None, operator=None):
        rng = self.rng
        needs = needs or self._needs(subject, staff, at)
        access_id = self.ids["access"]()
        operator = operator or rng.choice(staff.operators)
        self.rows["access"].append({
            "id": access_id, "person_id": subject["id"], "site_id": staff.site_id,
            "case_id": case_id, "occurred_at": at,
            "channel": rng.choices(("walk_in", "phone", "sent_by_service"), (70, 18, 12))[0],
            "operator_id": operator, "language_used": rng.choice(subject["languages"] + ["it"]),
            "mediator_present": subject["interpreter"] and rng.random() < 0.6,
            "urgency": rng.choices(("urgent", "normal", "low"), (10, 80, 10))[0],
            "description": None, "outcome": outcome, "form_token": None,
        })
        for need in needs:
            self.rows["access_need"].append({"access_id": access_id, "need": need})
        if case_id is not None:
            self.event(case_id, at, "access_recorded", operator,
                       payload={"access_id": access_id, "needs": needs})


    def referral(self, subject, staff, case_id, case_status, made, kind, number, needs):
        rng = self.rng
        referral_id = self.ids["referral"]()
        team_id = staff.team_ids[kind]
        members = staff.members[kind]
        priority = rng.choices(("urgent", "normal", "low"), (15, 70, 15))[0]
        kind_needs = needs_for_team(kind, needs) or [needs[0]]
        reason = suggest_reason(kind, needs) if kind != "social" or rng.random() < 0.7 \
            else "assessment"
        creator = rng.choice(staff.operators)
        target = self._referral_target(case_status, number)
        if target == "pending" and case_status == "in_progress":
            # A later referral of a case under way: made recently, mostly not yet overdue.
            made = self._between(max(made, self.now - timedelta(days=20)), self.now) or made
        row = {
            "id": referral_id, "case_id": case_id, "team_id": team_id, "reason": reason,
            "reason_text": None, "priority": priority,
            "due_date": (made + timedelta(days=self.due_days[priority])).date(),
            "status": "pending", "assignee_id": None, "created_by_id": creator,
            "created_at": made, "accepted_at": None, "declined_at": None,
            "decline_reason": None, "decline_text": None, "completed_at": None,
            "outcome": None, "rerouted_at": None, "version": 1,
        }
        self.rows["referral"].append(row)
        for need in kind_needs:
            self.rows["referral_need"].append({"referral_id": referral_id, "need": need})
        self.event(case_id, made, "referral_made", creator, team_id,
                   {"referral_id": referral_id, "team": kind, "priority": priority})
        if target == "pending":
            return
        answered = self._later(made, 12, clamp=True)
        if answered is None:
            return
        member = rng.choice(members)
        if target == "declined":
            decline = rng.choice(list(DECLINE_REASONS))
            # The desk re-routes declined referrals within days; only recent ones still wait.
            waiting = case_status != "closed" and self.now - answered < timedelta(days=10)
            rerouted = None if waiting else answered + timedelta(days=rng.uniform(0.1, 5))
            row.update(status="declined", declined_at=answered, decline_reason=decline,
                       rerouted_at=rerouted and min(rerouted, self.now), version=2)
            self.event(case_id, answered, "referral_declined", member, team_id,
                       {"referral_id": referral_id, "reason": decline})
            return
        row.update(status="accepted", accepted_at=answered, assignee_id=member, version=2)
        self.event(case_id, answered, "referral_accepted", member, team_id,
                   {"referral_id": referral_id, "assignee_id": member})
        end = self._later(answered, 90, clamp=case_status == "closed") \
            if target == "completed" else None
        for _ in range(rng.choice((0, 1, 1))):
            self.appointment(subject, staff, case_id, kind, referral_id, member, answered, end)
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            at = self._between(answered, end or self.now + timedelta(days=0))
            if at:
                self.note(subject, staff, case_id, kind, at, member)
        if end is not None:
            outcome = rng.choice(list(TEAM_REFERRAL_OUTCOMES))
            row.update(status="completed", completed_at=end, outcome=outcome, version=3)
            self.event(case_id, end, "referral_completed", member, team_id,
                       {"referral_id": referral_id, "outcome": outcome})

    def _referral_target(self, case_status: str, number: int) -> str:
        roll = self.rng.random()
        if case_status == "open":
            return "declined" if roll < 0.15 else "pending"
        if case_status == "closed":
            return "declined" if roll < 0.2 else "completed"
        if number == 0:
            return "accepted" if roll < 0.7 else "completed"
        return ("pending", "accepted", "completed", "declined")[min(3, int(roll * 4))]

    def appointment(self, subject, staff, case_id, kind, referral_id, member, after, before):
        rng = self.rng
        booked = self._later(after, 5)
        if booked is None:
            return
        starts = booked + timedelta(days=rng.uniform(1, 40))
        starts = starts.replace(hour=rng.randint(9, 16), minute=rng.choice((0, 30)),
                                second=0, microsecond=0)
        if before is not None and starts > before:
            starts = max(booked, before - timedelta(days=1))
        appointment_id = self.ids["appointment"]()
        team_id = staff.team_ids[kind]
        past = starts < self.now
        outcome = (("attended" if rng.random() < 0.8 else "no_show") if past else None)
        row = {
            "id": appointment_id, "case_id": case_id, "team_id": team_id,
            "referral_id": referral_id, "starts_at": starts,
            "duration_minutes": rng.choice((30, 30, 45, 60)), "place": None,
            "interpreter_language": subject["languages"][0] if subject["interpreter"] else None,
            "outcome": outcome, "created_by_id": member, "created_at": booked,
        }
        self.rows["appointment"].append(row)
        payload = {"appointment_id": appointment_id, "starts_at": starts.isoformat()}
        self.event(case_id, booked, "appointment_booked", member, team_id, payload)
        if outcome:
            kind_of_event = "appointment_attended" if outcome == "attended" else \
                "appointment_missed"
            self.event(case_id, starts, kind_of_event, member, team_id,
                       {"appointment_id": appointment_id})
        if row["interpreter_language"]:
            interpreter_request(self, staff, case_id, row)

    def note(self, subject, staff, case_id, kind, at, author=None):
        rng = self.rng
        author = author or rng.choice(staff.members[kind])
        team_id = staff.team_ids[kind]
        language = "it"
        if kind == "mediation":
            language = subject["languages"][0] if subject["languages"][0] in NOTE_TEXT else "en"
        visibility = "team" if kind == "health" and rng.random() < 0.5 else "all"
        note_id = self.ids["note"]()
        self.rows["note"].append({
            "id": note_id, "case_id": case_id, "author_id": author, "team_id": team_id,
            "language": language, "body": self._note_text(kind, language), "visibility": visibility,
            "created_at": at,
        })
        self.event(case_id, at, "note", author, team_id, {"note_id": note_id}, visibility)
        if language != "it" and rng.random() < 0.5:
            translator = rng.choice(staff.members["mediation"])
            translated = self._later(at, 3) or at
            self.rows["note_translation"].append({
                "note_id": note_id, "language": "it",
                "body": MEDIATOR_NOTES[language][1] if language in MEDIATOR_NOTES else NOTE_TEXT["it"],
                "translator_id": translator, "created_at": translated,
            })
            self.event(case_id, translated, "note_translated", translator,
                       staff.team_ids["mediation"], {"note_id": note_id, "language": "it"},
                       visibility)

    def _note_text(self, kind: str, language: str) -> str:
        """The demo's own texts: a team's Italian notes, a mediator's note in her language."""
        if language in MEDIATOR_NOTES:
            return MEDIATOR_NOTES[language][0]
        if language == "it" and kind in TEAM_NOTES:
            return self.rng.choice(TEAM_NOTES[kind])
        return NOTE_TEXT[language]

    def _goal(self, staff, case_id, kind, opened, horizon):
        at = self._between(opened, horizon) or opened
        member = self.rng.choice(staff.members[kind])
        status = self.rng.choice(("planned", "in_progress", "achieved", "dropped"))
        self.rows["care_plan_goal"].append({
            "case_id": case_id, "dimension": kind, "goal": GOALS[kind][0],
            "actions": GOALS[kind][1], "status": status, "review_date": (at + timedelta(days=60)).date(),
            "updated_by_id": member, "updated_at": at, "version": 1,
        })
        self.event(case_id, at, "care_plan_changed", member, staff.team_ids[kind],
                   {"dimension": kind, "status": status})

    def _conference(self, staff, case_id, kinds, opened, horizon):
        at = self._between(opened, horizon) or opened
        conference_id = self.ids["case_conference"]()
        self.rows["case_conference"].append({
            "id": conference_id, "case_id": case_id, "held_on": at.date(),
            "decisions": self.rng.choice(CONFERENCE_DECISIONS), "created_by_id": staff.supervisor,
            "created_at": at,
        })
        for kind in kinds:
            self.rows["case_conference_team"].append(
                {"conference_id": conference_id, "team_id": staff.team_ids[kind]})
        self.event(case_id, at, "case_conference", staff.supervisor,
                   payload={"conference_id": conference_id})
