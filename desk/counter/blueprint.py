"""The counter blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("counter", "desk.counter", template_folder="templates", cli_group="people")
