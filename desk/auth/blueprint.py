"""The auth blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("auth", "desk.auth", template_folder="templates")
