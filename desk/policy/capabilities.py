"""What each role may do: named capabilities, checked by `can` and `require`."""

from flask import abort

# A user with several roles may do what any of them may.
CAPABILITIES: dict[str, frozenset[str]] = {
    "desk": frozenset({
        "search_people", "register_person", "edit_person", "record_access", "route_case",
        "view_desk_home", "print_slip", "view_cases", "write_note", "add_document",
        "translate_note", "view_directory", "refer_external", "view_procedures",
    }),
    "team": frozenset({
        "work_queue", "view_cases", "write_note", "translate_note", "book_appointment",
        "edit_care_plan", "print_slip", "add_document", "search_people", "view_directory",
        "refer_external", "view_procedures",
    }),
    "supervisor": frozenset({
        "search_people", "register_person", "edit_person", "record_access", "route_case",
        "override_consent", "view_desk_home", "print_slip", "view_cases", "write_note",
        "translate_note", "book_appointment", "edit_care_plan", "add_document", "work_queue",
        "view_supervision", "reassign", "export", "view_audit_of_person", "close_case",
        "privacy_requests", "approve_grants", "view_directory", "manage_directory",
        "refer_external", "view_procedures", "manage_procedures", "manage_training",
        "decide_transfers", "merge_people", "import_people",
    }),
    "admin": frozenset({"manage_users", "manage_config", "view_audit", "approve_grants",
                        "view_directory", "manage_directory", "view_procedures",
                        "manage_procedures"}),
    # An outside organisation: only the referrals sent to it (policy.rules).
    "partner": frozenset({"work_partner_referrals"}),
    # The needs observatory of a province or of the region: aggregates only, never a person
    # (policy.rules.observed_site_ids; desk/observatory).
    "coordinator": frozenset({"view_observatory"}),
}

# Roles that see case content (people, cases, their history).
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
