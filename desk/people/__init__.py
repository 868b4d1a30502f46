"""The people area: the counter (search, registration, intake, slip)."""

from flask import redirect, url_for

from ..blueprints import AreaBlueprint

# Views are imported at registration (see desk.blueprints).
bp = AreaBlueprint(
    "people", __name__, template_folder="templates",
    view_modules=("pages", "views", "register_views", "intake_views", "cli"),
)


def _desk_alias():
    return redirect(url_for("people.desk_home"))


# The desk's short address, outside the /people prefix.
bp.record_once(lambda state: state.app.add_url_rule("/desk/", "desk_alias", _desk_alias))


@bp.record_once
def _template_helpers(state):
    from .permits import renewal_counts, renewal_today

    state.app.add_template_global(renewal_today, "renewal_of")
    state.app.add_template_global(renewal_counts, "renewal_counts")
