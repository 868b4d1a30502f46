"""The counter: the desk home, search, registration, the person's record and residence
documents, the intake (access, needs, routing) and the prints the person takes home."""

from flask import redirect, url_for

from . import (  # noqa: F401  (their routes are added to bp)
    cli,
    document_views,
    helpers,
    import_views,
    intake_views,
    register_views,
    views,
)
from .blueprint import bp

__all__ = ["bp"]


def _desk_alias():
    return redirect(url_for("counter.desk_home"))


# The desk's short address.
bp.add_url_rule("/desk/", "desk_alias", _desk_alias)
