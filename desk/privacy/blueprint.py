"""The privacy blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("privacy", "desk.privacy", template_folder="templates")
