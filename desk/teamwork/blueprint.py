"""The teamwork blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("teamwork", "desk.teamwork", template_folder="templates")
