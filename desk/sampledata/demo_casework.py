"""What the teams do on a demo case: appointments, notes and translations, care plans."""

from datetime import timedelta

from ..models.cases import Referral, ReferralNeed
from ..models.history import Note, NoteTranslation
from ..models.plan import Appointment, CarePlanGoal, CaseConference
from .texts import (
    APPOINTMENT_PLACES,
    CONFERENCE_DECISIONS,
    DECLINE_TEXTS,
    GOALS,
    HEALTH_CONFIDENTIAL_NOTES,
    MEDIATOR_NOTES,
    TEAM_NOTES,
    TRANSLATED_NOTES,
)


class Casework:
    def __init__(self, rng, collector, histories):
        self.rng = rng
        self.out = collector
        self.h = histories
        self._used: set[str] = set()  # texts already written on the current case

    def new_case(self) -> None:
        self._used = set()

    def _pick(self, texts):
        """A text not yet used on this case, if there is one."""
        fresh = [text for text in texts if text not in self._used] or list(texts)
        text = self.rng.choice(fresh)
        self._used.add(text if isinstance(text, str) else text[0])
        return text

    def worker(self, staff, kind: str, person):
        """Who takes a referral: the team's member; mediators by the person's language."""
        members = staff.workers.get(kind) or []
        if not members:
            return None
        if kind == "mediation":
            for language in person.languages:
                if language in staff.mediators:
                    return staff.mediators[language]
        return self.rng.choice(members)

    def do(self, case, person, staff, referral, worker, since):
        """Appointments and notes after a referral is accepted; returns the last moment."""
        last = self._appointment(case, person, staff, referral, worker, since)
        for _ in range(self.rng.randint(1, 2)):
            at = self.h.after(last, 1, 24 * 7)
            if at is None:
                break
            last = self._note(case, person, staff, referral.team, worker, at)
        return last

    def upcoming(self, case, person, staff, referral, worker, since):
        """Most referrals still being worked have an appointment in the coming weeks."""
        if self.rng.random() > 0.65:
            return since
        booked = max(self.h.days_ago(1, 10), since)
        starts = self.h.office(self.h.now + timedelta(days=self.rng.randint(1, 21)))
        self._book(case, person, staff, referral, worker, booked, starts)
        return booked

    def _appointment(self, case, person, staff, referral, worker, since):
        if self.rng.random() > 0.6:
            return since
        booked = since + timedelta(minutes=10)
        starts = self.h.office(booked + timedelta(days=self.rng.randint(2, 14)))
        return self._book(case, person, staff, referral, worker, booked, starts)

    def _book(self, case, person, staff, referral, worker, booked, starts):
        """An appointment booked at `booked`; its outcome if it has already taken place."""
        rng = self.rng
        starts = starts.replace(hour=rng.randint(7, 14), minute=rng.choice([0, 30]), second=0,
                                microsecond=0)
        appointment = Appointment(
            team_id=referral.team.id, starts_at=starts,
            duration_minutes=rng.choice([30, 45, 60]),
            place=rng.choice(APPOINTMENT_PLACES[staff.site.code]),
            interpreter_language=person.preferred_language if person.interpreter_needed else None,
            created_by_id=worker.id, created_at=booked,
        )
        self.out.add_later(appointment, case_id=case, referral_id=referral)
        self.out.event(case, "appointment_booked", worker, booked, on_team=referral.team,
                       appointment_id=appointment, team=referral.team.kind, starts_at=starts,
                       interpreter_language=appointment.interpreter_language)
        ends = starts + timedelta(minutes=appointment.duration_minutes)
        request = self._interpreter(case, staff, worker, appointment, booked, starts)
        if ends >= self.h.now:
            return booked  # still to come
        appointment.outcome = "attended" if rng.random() < 0.8 else "no_show"
        attended = appointment.outcome == "attended"
        if request is not None and request.status == "accepted":
            outcome = "resolved" if attended else "not_reachable"
            request.status, request.completed_at, request.outcome = "completed", ends, outcome
            self.out.event(case, "referral_completed", request.assignee, ends,
                           on_team=request.team, referral_id=request, team="mediation",
                           outcome=outcome, appointment_id=appointment)
        kind = "appointment_attended" if attended else "appointment_missed"
        self.out.event(case, kind, worker, ends, on_team=referral.team,
                       appointment_id=appointment, team=referral.team.kind, starts_at=starts)
        return ends

    def _interpreter(self, case, staff, worker, appointment, booked, starts):
        """An appointment with an interpreter asks the site's mediation team, as booking one
        does in the app (teamwork.interpreter_services): a mediator who speaks the language
        confirms it within hours, if there is one."""
        language = appointment.interpreter_language
        team = staff.teams.get("mediation")
        if not language or team is None:
            return None
        request = Referral(case=case, team_id=team.id, team=team, reason="interpreting",
                           priority="normal", status="pending", due_date=starts.date(),
                           created_by_id=appointment.created_by_id, created_at=booked,
                           need_rows=[ReferralNeed(need="language_barrier")])
        request.for_appointment = True  # not one of the case's own referrals (demo_history)
        self.out.add_last(request, appointment_id=appointment)
        self.out.event(case, "referral_made", worker, booked, on_team=team, referral_id=request,
                       team_kind="mediation", reason="interpreting", appointment_id=appointment,
                       interpreter_language=language)
        mediator = staff.mediators.get(language)
        hours_before = max((starts - booked).total_seconds() / 3600 - 1, 1)
        answered = self.h.after(booked, min(1, hours_before), min(30, hours_before))
        if answered is None:
            return request  # still waiting
        answered = min(answered, starts - timedelta(hours=1))
        if mediator is None:  # nobody at this desk speaks it
            request.status, request.declined_at = "declined", answered
            request.decline_reason, request.decline_text = "no_capacity", DECLINE_TEXTS["no_capacity"]
            self.out.event(case, "referral_declined", staff.supervisor, answered, on_team=team,
                           referral_id=request, team="mediation", reason="no_capacity")
            return request
        request.status, request.assignee, request.accepted_at = "accepted", mediator, answered
        self.out.event(case, "referral_accepted", mediator, answered, on_team=team,
                       referral_id=request, team="mediation", assignee_id=mediator)
        return request

    def _note(self, case, person, staff, team, worker, at):
        rng = self.rng
        kind = team.kind
        if kind == "health" and rng.random() < 0.5:
            # Clinical notes stay within the health team.
            self._write_note(case, team, worker, at, "it", self._pick(HEALTH_CONFIDENTIAL_NOTES),
                             visibility="team")
            return at
        own_language = next((code for code, user in staff.mediators.items() if user is worker
                             and code in MEDIATOR_NOTES), None)
        if (kind == "mediation" and own_language and rng.random() < 0.6
                and MEDIATOR_NOTES[own_language][0] not in self._used):
            self._used.add(MEDIATOR_NOTES[own_language][0])
            body, italian = MEDIATOR_NOTES[own_language]
            note = self._write_note(case, team, worker, at, own_language, body)
            return self._translate(case, team, note, worker, "it", italian, at) or at
        mediator = staff.mediators.get(person.preferred_language)
        if mediator is not None and person.preferred_language in ("ar", "fr") and rng.random() < 0.4:
            pair = self._pick(TRANSLATED_NOTES)
            note = self._write_note(case, team, worker, at, "it", pair[0])
            translation = pair[1] if person.preferred_language == "ar" else pair[2]
            return self._translate(case, team, note, mediator, person.preferred_language,
                                   translation, at) or at
        self._write_note(case, team, worker, at, "it", self._pick(TEAM_NOTES[kind]))
        return at

    def _write_note(self, case, team, author, at, language, body, visibility="all") -> Note:
        note = Note(author_id=author.id, team_id=team.id, language=language, body=body,
                    visibility=visibility, created_at=at)
        self.out.add_later(note, case_id=case)
        self.out.event(case, "note", author, at, on_team=team, visibility=visibility,
                       note_id=note, language=language)
        return note

    def _translate(self, case, team, note, translator, language, body, since):
        at = self.h.after(since, 0.5, 48)
        if at is None:
            return None
        translation = NoteTranslation(language=language, body=body, translator_id=translator.id,
                                      created_at=at)
        note.translations.append(translation)
        self.out.event(case, "note_translated", translator, at, on_team=team,
                       visibility=note.visibility, note_id=note, translation_id=translation,
                       language=language)
        return at

    def care_plan(self, case, staff, accepted, mode):
        """Goals for some cases worked by several teams, and now and then a case conference."""
        if len(accepted) < 2 or self.rng.random() > 0.45:
            return None
        last = None
        for referral in accepted:
            at = self.h.after(referral.accepted_at, 1, 24 * 5)
            if at is not None:
                self._goal(case, referral, mode, at)
                last = max(last or at, at)
        if last is not None and self.rng.random() < 0.4:
            held = self.h.after(last, 24 * 3, 24 * 10)
            if held is not None:
                self._conference(case, staff, [r.team for r in accepted], held)
                last = held
        return last

    def _goal(self, case, referral, mode, at) -> None:
        rng = self.rng
        goal_text, actions = GOALS[referral.team.kind]
        if mode == "closed":
            status, review = rng.choice(["achieved", "achieved", "dropped"]), None
        else:
            status = rng.choice(["planned", "in_progress", "in_progress"])
            review = self.h.now.date() + timedelta(days=rng.randint(14, 60))
        goal = CarePlanGoal(dimension=referral.team.kind, goal=goal_text, actions=actions,
                            status=status, review_date=review,
                            updated_by_id=referral.assignee.id, updated_at=at)
        self.out.add_later(goal, case_id=case)
        self.out.event(case, "care_plan_changed", referral.assignee, at, on_team=referral.team,
                       goal_id=goal, dimension=goal.dimension, status=status, change="added",
                       review_date=review.isoformat() if review else None)

    def _conference(self, case, staff, teams, held) -> None:
        conference = CaseConference(
            held_on=held.date(), decisions=self.rng.choice(CONFERENCE_DECISIONS),
            created_by_id=staff.supervisor.id, created_at=held, teams=teams,
        )
        self.out.add_later(conference, case_id=case)
        self.out.event(case, "case_conference", staff.supervisor, held,
                       conference_id=conference, held_on=held.date().isoformat(),
                       teams=[team.kind for team in teams])
