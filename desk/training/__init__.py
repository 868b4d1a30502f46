"""The team's training record: trainings attended by each site's staff, coverage of the four
streams per site and team, and the export for the programme's reporting."""

from . import views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
