"""The access policy, in one place: what each role may do (capabilities), which records each
user may see (rules, as SQL conditions), and one record by its id through those rules
(loaders). Every view and every list query goes through here."""

from .capabilities import CAPABILITIES, CONTENT_ROLES, can, require, require_capability
from .loaders import (
    get_access_or_404,
    get_appointment_or_404,
    get_case_entry_or_404,
    get_case_or_404,
    get_document_or_404,
    get_goal_or_404,
    get_note_or_404,
    get_person_or_404,
    get_referral_or_404,
)
from .rules import (
    access_condition,
    accesses_of_sites,
    appointments_of_sites,
    can_manage_case,
    can_reassign_referral,
    can_view_entry,
    can_work_referral,
    can_work_team,
    case_condition,
    case_records,
    cases_of_sites,
    entry_condition,
    person_condition,
    person_records,
    policy_marked,
    referral_condition,
    referrals_of_sites,
    sees_all_of_sites,
    team_referrals,
    visible_accesses,
    visible_appointments,
    visible_cases,
    visible_events,
    visible_notes,
    visible_people,
    visible_referrals,
    visible_team_appointments,
)

__all__ = [
    "CAPABILITIES", "CONTENT_ROLES", "access_condition", "accesses_of_sites",
    "appointments_of_sites", "can", "can_manage_case", "can_reassign_referral", "can_view_entry",
    "can_work_referral", "can_work_team", "case_condition", "case_records", "cases_of_sites", "entry_condition",
    "get_access_or_404", "get_appointment_or_404", "get_case_or_404", "get_document_or_404",
    "get_case_entry_or_404", "get_goal_or_404", "get_note_or_404", "get_person_or_404", "get_referral_or_404",
    "person_condition", "person_records", "policy_marked", "referral_condition", "referrals_of_sites", "require",
    "require_capability", "sees_all_of_sites", "team_referrals", "visible_accesses",
    "visible_appointments", "visible_cases", "visible_events", "visible_notes",
    "visible_people", "visible_referrals", "visible_team_appointments",
]
