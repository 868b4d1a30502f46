"""Building blocks for the supervision tests: referrals, accesses and appointments placed at
exact ages, so that every dashboard figure has a known answer. (No tests in this module.)"""

from datetime import datetime, time, timedelta

from desk.common.clock import today
from desk.extensions import db
from desk.models.cases import Access, AccessNeed, Referral
from desk.models.plan import Appointment
from desk.supervision.scope import Scope


def days_ago(days: int, at: time = time(12, 0)) -> datetime:
    return datetime.combine(today() - timedelta(days=days), at)


def referral(make, case, team_kind, *, created=0, status="pending", due_in=10, assignee=None,
             accepted_after=None, completed_after=None, declined=None, reason=None):
    """A referral of `case` made `created` days ago (noon). `accepted_after` and
    `completed_after` are days after creation; `declined` is days ago."""
    site = case.site
    made = days_ago(created)
    row = Referral(
        case_id=case.id, team_id=make.team(site, team_kind).id, reason="assessment",
        priority="normal", status=status, due_date=today() + timedelta(days=due_in),
        created_at=made, assignee_id=assignee.id if assignee else None,
    )
    if accepted_after is not None:
        row.accepted_at = made + timedelta(days=accepted_after)
    if completed_after is not None:
        row.completed_at = made + timedelta(days=completed_after)
    if declined is not None:
        row.declined_at = days_ago(declined)
        row.decline_reason = reason
    db.session.add(row)
    db.session.commit()
    return row


def access(person, *, at, needs=(), channel="walk_in", language=None, site=None):
    row = Access(person_id=person.id, site_id=(site or person.site).id, occurred_at=at,
                 channel=channel, language_used=language,
                 need_rows=[AccessNeed(need=n) for n in needs])
    db.session.add(row)
    db.session.commit()
    return row


def appointment(case, team, *, at, minutes=30, interpreter=None, outcome=None):
    row = Appointment(case_id=case.id, team_id=team.id, starts_at=at, duration_minutes=minutes,
                      interpreter_language=interpreter, outcome=outcome)
    db.session.add(row)
    db.session.commit()
    return row


def scope_for(user, start=None, end=None, sites=None) -> Scope:
    end = end or today()
    start = start or end - timedelta(days=89)
    return Scope(user=user, site_ids=tuple(sorted(sites or user.site_ids)), start=start,
                 end=end, today=today())
