"""The supervision area: dashboard, drill-down lists, reassignment, exports, anonymised report."""

from flask import Blueprint

bp = Blueprint("supervision", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")

from ..pagination import page_url  # noqa: E402

bp.add_app_template_global(page_url)


@bp.record_once
def _keep_tally(_state):
    """The dashboard's access tally follows every change of accesses and people."""
    from .tally import keep_tally

    keep_tally()


from . import views  # noqa: E402,F401
