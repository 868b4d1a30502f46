"""Data-subject rights: access export, pseudonymisation, retention, consent withdrawal."""

from ..blueprints import AreaBlueprint

bp = AreaBlueprint("privacy", __name__, template_folder="templates",
                   view_modules=("views", "erase_views"))
