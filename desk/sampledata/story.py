"""The story the generated data tells the needs observatory (issue 19, "done when"): over the
last year a community from Pakistan has been coming to the Cuneo desk, asking above all for
housing, and none of the generated mediators speaks Urdu. So, for any quarter of the last
year, the region's page shows housing needs in Cuneo up against the same quarter a year
before, and Urdu interpreter requests left unmet.

Also here: the interpreter request that an appointment with an interpreter sends to the
site's mediation team (teamwork/interpreter_services.py), as rows for the generator."""

from datetime import datetime, timedelta

STORY_PROVINCE = "CN"
RECENT_DAYS = 365
NEWCOMERS = "PK"
# Of the people first seen at the story's province within the last RECENT_DAYS.
NEWCOMER_SHARE = 0.35
NEWCOMER_INTERPRETER = 0.9
# The chance that a need of housing is added to an access there within RECENT_DAYS.
HOUSING_EXTRA = 0.45
# The rows of the requests: referrals, inserted after the appointments they point to.
INTERPRETER_REQUESTS = "interpreter_request"
# How often a mediator who speaks the language confirms an interpreter request.
CONFIRMED = 0.85


def recent(now: datetime, at: datetime) -> bool:
    return now - at <= timedelta(days=RECENT_DAYS)


def is_newcomer(rng, province: str, now: datetime, first_contact: datetime) -> bool:
    return (province == STORY_PROVINCE and recent(now, first_contact)
            and rng.random() < NEWCOMER_SHARE)


def story_needs(rng, province: str, now: datetime, at: datetime, needs: set) -> set:
    if province == STORY_PROVINCE and recent(now, at) and rng.random() < HOUSING_EXTRA:
        needs.add("housing")
    return needs


def interpreter_request(teller, staff, case_id, appointment: dict) -> None:
    """The request of `appointment` (a dict of its row), worked as the flows do: confirmed by
    a mediator of the site who speaks the language (if there is one), and completed once the
    appointment's outcome is recorded; never confirmed when nobody speaks it."""
    rng, now = teller.rng, teller.now
    language, starts = appointment["interpreter_language"], appointment["starts_at"]
    booked = appointment["created_at"]
    team_id = staff.team_ids["mediation"]
    speakers = [m for m in staff.members["mediation"]
                if language in staff.mediator_languages.get(m, ())]
    referral_id = teller.ids["referral"]()
    row = {
        "id": referral_id, "case_id": case_id, "team_id": team_id, "reason": "interpreting",
        "reason_text": None, "priority": "normal", "due_date": starts.date(),
        "status": "pending", "assignee_id": None, "created_by_id": appointment["created_by_id"],
        "created_at": booked, "accepted_at": None, "declined_at": None,
        "decline_reason": None, "decline_text": None, "completed_at": None, "outcome": None,
        "rerouted_at": None, "version": 1, "appointment_id": appointment["id"],
    }
    teller.rows[INTERPRETER_REQUESTS].append(row)
    teller.event(case_id, booked, "referral_made", row["created_by_id"], team_id,
                 {"referral_id": referral_id, "team": "mediation", "priority": "normal",
                  "appointment_id": appointment["id"], "interpreter_language": language})
    if speakers and rng.random() < CONFIRMED:
        mediator = rng.choice(speakers)
        accepted = min(now, booked + timedelta(hours=rng.uniform(1, 48)), starts)
        row.update(status="accepted", accepted_at=accepted, assignee_id=mediator, version=2)
        teller.event(case_id, accepted, "referral_accepted", mediator, team_id,
                     {"referral_id": referral_id, "assignee_id": mediator})
    if appointment["outcome"] is None:
        return
    outcome = None
    if row["status"] == "accepted":
        outcome = "resolved" if appointment["outcome"] == "attended" else "not_reachable"
    completed = min(now, starts + timedelta(minutes=appointment["duration_minutes"]))
    row.update(status="completed", completed_at=completed, outcome=outcome,
               version=row["version"] + 1)
    teller.event(case_id, completed, "referral_completed", appointment["created_by_id"], team_id,
                 {"referral_id": referral_id, "outcome": outcome})
