"""A case and its shared history: the case page, the timeline, notes and their translations,
closing and reopening."""

from . import views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
