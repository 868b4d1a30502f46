"""The careplan blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("careplan", "desk.careplan", template_folder="templates")
