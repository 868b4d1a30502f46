"""The network blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("network", "desk.network", template_folder="templates")
