"""Navigation by role: one list, filtered by the access rules, shown in the base layout."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p
from flask_login import current_user

from ..policy import can

# (endpoint, label, capability).
NAV_ITEMS = (
    ("counter.desk_home", _l("Desk"), "view_desk_home"),
    ("counter.search", _l("Find a person"), "search_people"),
    ("teamwork.my_queue", _l("Team queue"), "work_queue"),
    ("teamwork.appointments", _l("Appointments"), "book_appointment"),
    ("network.directory", _l("Services"), "view_directory"),
    ("network.partner_home", _l("Referrals received"), "work_partner_referrals"),
    ("supervision.dashboard", _l("Supervision"), "view_supervision"),
    ("observatory.index", _l("Needs observatory"), "view_observatory"),
    ("glossary.glossary", _p("main menu", "Glossary"), None),
    ("admin.users", _l("Users"), "manage_users"),
    ("admin.territory_list", _l("Territories and sites"), "manage_config"),
    ("admin.audit_log", _l("Audit log"), "view_audit"),
)

# Where each role lands after signing in, first match wins.
HOME_BY_CAPABILITY = (
    ("view_supervision", "supervision.dashboard"),
    ("view_desk_home", "counter.desk_home"),
    ("work_queue", "teamwork.my_queue"),
    ("manage_users", "admin.users"),
    ("work_partner_referrals", "network.partner_home"),
    ("view_observatory", "observatory.index"),
)


def nav_items(user) -> list[tuple[str, str]]:
    return [
        (endpoint, label)
        for endpoint, label, capability in NAV_ITEMS
        if capability is None or can(user, capability)
    ]


def home_endpoint(user) -> str | None:
    for capability, endpoint in HOME_BY_CAPABILITY:
        if can(user, capability):
            return endpoint
    return None


def may(capability: str) -> bool:
    """For templates: `can('export')`, for the signed-in user."""
    return can(current_user, capability)


def init_nav(app) -> None:
    app.jinja_env.globals.update(nav_items=nav_items, can=may)
