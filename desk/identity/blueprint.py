"""The identity blueprint: the cross-desk notice's request and the merge of two records."""

from flask import Blueprint

bp = Blueprint("identity", "desk.identity", template_folder="templates")
