"""The admin blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("admin", "desk.admin", template_folder="templates")
