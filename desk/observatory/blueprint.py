"""The observatory blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("observatory", "desk.observatory", template_folder="templates")
