"""The glossary blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("glossary", "desk.glossary", template_folder="templates")
