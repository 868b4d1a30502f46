"""The admin blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("admin", "desk.admin", template_folder="templates")

# Endpoints of the territory's configuration (manage_config rather than manage_users).
CONFIG_ENDPOINTS: set[str] = set()


def configures(view):
    """Mark a view of this blueprint as configuration (checked in views.only_user_managers)."""
    CONFIG_ENDPOINTS.add(f"{bp.name}.{view.__name__}")
    return view
