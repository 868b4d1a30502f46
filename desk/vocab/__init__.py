"""Controlled vocabularies: stable codes stored in the database, labels translated on display."""

from flask import Blueprint

bp = Blueprint("vocab", __name__, template_folder="templates")

from . import views  # noqa: E402,F401
