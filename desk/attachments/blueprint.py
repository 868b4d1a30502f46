"""The attachments blueprint: every route of the area is added to it."""

from flask import Blueprint

bp = Blueprint("attachments", "desk.attachments", template_folder="templates")
