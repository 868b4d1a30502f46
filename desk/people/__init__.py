"""The people area."""

from flask import Blueprint

bp = Blueprint("people", __name__, template_folder="templates")
