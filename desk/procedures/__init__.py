"""Procedure sheets: the library, each territory's local parts, and the sheet printed for a
person in their language (the regional texts are desk/vocab/procedures.py)."""

from . import views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
