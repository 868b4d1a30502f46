"""Supervision: dashboard, drill-down lists, reassignment, exports, the anonymised report."""

from . import export_views, views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp
from .tally import keep_tally

__all__ = ["bp"]


@bp.record_once
def _keep_tally(_state):
    """The dashboard's access tally follows every change of accesses and people."""
    keep_tally()
