"""The cases blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("cases", "desk.cases", template_folder="templates")
