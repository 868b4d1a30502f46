"""The needs observatory: protected figures per territory and for the region, for the
coordination groups and the regional meeting (coordinators only: aggregates, never a person)."""

from . import views  # noqa: F401  (its routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
