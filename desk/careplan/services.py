"""The care plan (goals per dimension) and case conferences."""

from datetime import date

from flask_babel import gettext as _

from ..audit.services import audit
from ..common.refusals import ActionRefused, check_version
from ..extensions import db
from ..models.history import record_event
from ..models.plan import CarePlanGoal, CaseConference
from ..vocab.codes import GOAL_STATUSES, TEAM_KINDS


def _check_goal(dimension: str, goal: str, status: str) -> str:
    if dimension not in TEAM_KINDS:
        raise ActionRefused(_("Choose a dimension from the list."))
    if status not in GOAL_STATUSES:
        raise ActionRefused(_("Choose a status from the list."))
    goal = (goal or "").strip()
    if not goal:
        raise ActionRefused(_("Describe the goal."))
    return goal


def _log_goal(actor, case, goal: CarePlanGoal, change: str) -> None:
    record_event(case, "care_plan_changed", actor, payload={
        "goal_id": goal.id, "dimension": goal.dimension, "status": goal.status,
        "change": change,
        "review_date": goal.review_date.isoformat() if goal.review_date else None,
    })
    audit("create" if change == "added" else "update", goal, user=actor,
          person_id=case.person_id)


def add_goal(actor, case, *, dimension: str, goal: str, actions: str | None, status: str,
             review_date: date | None) -> CarePlanGoal:
    text = _check_goal(dimension, goal, status)
    row = CarePlanGoal(case_id=case.id, dimension=dimension, goal=text,
                       actions=(actions or "").strip() or None, status=status,
                       review_date=review_date, updated_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    _log_goal(actor, case, row, "added")
    db.session.flush()
    return row


def update_goal(actor, case, row: CarePlanGoal, version, *, dimension: str, goal: str,
                actions: str | None, status: str, review_date: date | None) -> None:
    check_version(row, version)
    row.goal = _check_goal(dimension, goal, status)
    row.dimension = dimension
    row.actions = (actions or "").strip() or None
    row.status = status
    row.review_date = review_date
    row.updated_by_id = actor.id
    db.session.flush()
    _log_goal(actor, case, row, "updated")
    db.session.flush()


def hold_conference(actor, case, *, held_on: date, teams: list, decisions: str
                    ) -> CaseConference:
    decisions = (decisions or "").strip()
    if not decisions:
        raise ActionRefused(_("Write the decisions taken."))
    if not teams or any(t.site_id != case.site_id for t in teams):
        raise ActionRefused(_("Tick the teams that took part."))
    conference = CaseConference(case_id=case.id, held_on=held_on, decisions=decisions,
                                created_by_id=actor.id, teams=list(teams))
    db.session.add(conference)
    db.session.flush()
    record_event(case, "case_conference", actor, payload={
        "conference_id": conference.id, "held_on": held_on.isoformat(),
        "teams": [t.kind for t in teams],
    })
    audit("create", conference, user=actor, person_id=case.person_id)
    db.session.flush()
    return conference
