"""The training blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("training", "desk.training", template_folder="templates")
