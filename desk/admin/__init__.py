"""Administration: users, teams, sites, vocabularies. No case content."""

from flask import Blueprint

bp = Blueprint("admin", __name__, template_folder="templates")
from . import views  # noqa: E402,F401
