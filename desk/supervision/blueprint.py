"""The supervision blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("supervision", "desk.supervision", template_folder="templates", static_folder="static",
               static_url_path="/static")
