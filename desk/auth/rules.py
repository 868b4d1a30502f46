"""The access rules, in one place. Every view and every list query goes through here.

- Everyone sees only the records of their own site(s).
- Desk operators: people and cases of their sites; timeline entries visible to "all".
- Team members (mediators included): cases referred to one of their teams; "team" entries
  only of their own teams.
- Supervisors: everything of their sites except other teams' "team" entries.
- Admins: configuration, not case content.
"""

from flask import abort
from sqlalchemy import Select, and_, exists, false, or_, select

from ..cases.history_models import Note, TimelineEvent
from ..cases.models import Case, Referral
from ..people.models import Person

# What each role may do. A user with several roles may do what any of them may.
CAPABILITIES: dict[str, set[str]] = {
    "desk": {
        "search_people", "register_person", "edit_person", "record_access", "route_case",
        "view_desk_home", "print_slip", "view_cases", "write_note", "add_document",
        "translate_note",
    },
    "team": {
        "work_queue", "view_cases", "write_note", "translate_note", "book_appointment",
        "edit_care_plan", "print_slip", "add_document", "search_people",
    },
    "supervisor": {
        "search_people", "register_person", "edit_person", "record_access", "route_case",
        "override_consent", "view_desk_home", "print_slip", "view_cases", "write_note",
        "translate_note", "book_appointment", "edit_care_plan", "add_document", "work_queue",
        "view_supervision", "reassign", "export", "view_audit_of_person", "close_case",
        "privacy_requests",
    },
    "admin": {"manage_users", "manage_config", "view_audit"},
}

CONTENT_ROLES = ("desk", "team", "supervisor")


def can(user, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(capability in CAPABILITIES.get(role, ()) for role in user.roles)


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


def require_capability(user, capability: str) -> None:
    require(can(user, capability))


def _sees_whole_site(user) -> bool:
    return user.has_role("desk", "supervisor")


def _referred_to_my_teams(user):
    """SQL condition: the case has a referral to one of the user's teams."""
    team_ids = user.team_ids
    if not team_ids:
        return false()
    # Correlated to Case only, so it stays right inside queries that also select Referral.
    return exists().where(Referral.case_id == Case.id, Referral.team_id.in_(team_ids)).correlate(
        Case
    )


def case_condition(user):
    """SQL condition on Case selecting exactly the cases `user` may see."""
    if not user.has_role(*CONTENT_ROLES) or not user.site_ids:
        return false()
    in_my_sites = Case.site_id.in_(user.site_ids)
    if _sees_whole_site(user):
        return in_my_sites
    return and_(in_my_sites, _referred_to_my_teams(user))


def visible_cases(user) -> Select:
    return select(Case).where(case_condition(user))


def person_condition(user):
    """SQL condition on Person selecting the people `user` may see."""
    if not user.has_role(*CONTENT_ROLES) or not user.site_ids:
        return false()
    in_my_sites = Person.site_id.in_(user.site_ids)
    if _sees_whole_site(user):
        return in_my_sites
    return and_(
        in_my_sites,
        exists().where(Case.person_id == Person.id, case_condition(user)).correlate(Person),
    )


def visible_people(user) -> Select:
    return select(Person).where(person_condition(user))


def entry_condition(user, model=TimelineEvent):
    """SQL condition on timeline events or notes: "all" entries, or "team" ones of my teams."""
    team_ids = user.team_ids
    if not team_ids:
        return model.visibility == "all"
    return or_(model.visibility == "all", model.team_id.in_(team_ids))


def visible_events(user, case: Case) -> Select:
    return (
        select(TimelineEvent)
        .where(TimelineEvent.case_id == case.id, entry_condition(user, TimelineEvent))
        .order_by(TimelineEvent.occurred_at.desc(), TimelineEvent.id.desc())
    )


def visible_notes(user, case: Case) -> Select:
    return (
        select(Note)
        .where(Note.case_id == case.id, entry_condition(user, Note))
        .order_by(Note.created_at.desc(), Note.id.desc())
    )


def can_view_case(user, case: Case) -> bool:
    if case is None or not user.has_role(*CONTENT_ROLES) or case.site_id not in user.site_ids:
        return False
    if _sees_whole_site(user):
        return True
    return any(r.team_id in user.team_ids for r in case.referrals)


def can_view_person(user, person: Person) -> bool:
    if person is None or not user.has_role(*CONTENT_ROLES) or person.site_id not in user.site_ids:
        return False
    if _sees_whole_site(user):
        return True
    from ..extensions import db

    return db.session.scalar(
        select(exists().where(Case.person_id == person.id, case_condition(user)))
    )


def can_view_entry(user, entry) -> bool:
    return entry.visibility == "all" or entry.team_id in user.team_ids


def can_work_referral(user, referral: Referral) -> bool:
    """Accept, decline, complete: members of the referral's team, or a supervisor of the site."""
    if referral.case.site_id not in user.site_ids:
        return False
    if user.has_role("supervisor"):
        return True
    return user.has_role("team") and referral.team_id in user.team_ids


# --- Supervision: accesses and appointments as lists and aggregates. ---------------------------


def access_condition(user):
    """SQL condition on Access: accesses at my sites (desk, supervisors) or on my cases."""
    from ..cases.models import Access

    if not user.has_role(*CONTENT_ROLES) or not user.site_ids:
        return false()
    in_my_sites = Access.site_id.in_(user.site_ids)
    if _sees_whole_site(user):
        return in_my_sites
    return and_(in_my_sites, exists().where(Case.id == Access.case_id, case_condition(user)))


def sees_all_of_sites(user, site_ids) -> bool:
    """True if `user` sees every case of these sites, with its accesses, referrals and
    appointments (desk operators and supervisors of all of them).

    For such a user a query may pick a site's records by their own site or team column
    without joining Case for the rule: referrals and appointments are only ever made to a
    team of the case's own site (cases/intake.py, cases/appointments.py)."""
    return _sees_whole_site(user) and bool(site_ids) and set(site_ids) <= user.site_ids


def visible_accesses(user) -> Select:
    from ..cases.models import Access

    return select(Access).where(access_condition(user))


def visible_appointments(user) -> Select:
    """Appointments on the cases `user` may see (joined to Case)."""
    from ..cases.plan_models import Appointment

    return select(Appointment).join(Case, Appointment.case_id == Case.id).where(
        case_condition(user)
    )


def visible_team_appointments(user, team) -> Select:
    """A team's appointments that `user` may see: those booked with the team, and those for
    which an interpreter was requested from it (joined to Case)."""
    from ..cases.plan_models import Appointment

    interpreting = exists().where(Referral.appointment_id == Appointment.id,
                                  Referral.team_id == team.id).correlate(Appointment)
    return visible_appointments(user).where(or_(Appointment.team_id == team.id, interpreting))


def referral_condition(user):
    """SQL condition on Referral alone: its case is one `user` may see. A query that starts
    from a referral index (and stops early, with a LIMIT) tests each row's case by key."""
    return exists().where(Case.id == Referral.case_id, case_condition(user)).correlate(Referral)


def visible_referrals(user) -> Select:
    """Referrals of the cases `user` may see."""
    return select(Referral).join(Referral.case).where(case_condition(user))


def can_work_team(user, team) -> bool:
    """Work a team's queue: its members, or a supervisor of its site."""
    if team is None or team.site_id not in user.site_ids:
        return False
    if user.has_role("supervisor"):
        return True
    return user.has_role("team") and team.id in user.team_ids


def team_referrals(user, team) -> Select:
    """A team's referrals that `user` may see.

    Whoever may work the team's queue (its members, a supervisor of its site) sees every
    referral made to it: such a case is referred to one of the member's teams, or lies in the
    supervisor's site, because a case is only ever referred to teams of its own site
    (cases.intake.route_case). Saying so directly lets the queue be read from the referral
    index alone; anyone else goes through the general rule (joined to Case)."""
    if can_work_team(user, team):
        return select(Referral).where(Referral.team_id == team.id)
    return visible_referrals(user).where(Referral.team_id == team.id)


def can_reassign_referral(user, referral: Referral) -> bool:
    """Hand an accepted referral to a colleague: supervisors, or whoever holds it (or nobody)."""
    if not can_work_referral(user, referral):
        return False
    return can(user, "reassign") or referral.assignee_id in (None, user.id)


def can_manage_case(user, case: Case) -> bool:
    """Close or reopen a case: its case manager, or a supervisor of its site."""
    if not can_view_case(user, case):
        return False
    return case.manager_id == user.id or can(user, "close_case")
