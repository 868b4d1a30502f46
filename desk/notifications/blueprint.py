"""The notifications blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("notifications", "desk.notifications", template_folder="templates")
