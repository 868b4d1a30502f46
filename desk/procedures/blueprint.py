"""The procedures blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("procedures", "desk.procedures", template_folder="templates")
