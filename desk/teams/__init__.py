"""The teams area."""

from ..blueprints import AreaBlueprint

# Views are imported at registration (see desk.blueprints).
bp = AreaBlueprint("teams", __name__, template_folder="templates")
