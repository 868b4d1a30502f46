"""The main blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("main", "desk.main", template_folder="templates")
