"""Home page, health check."""

from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="templates")

from . import views  # noqa: E402,F401
