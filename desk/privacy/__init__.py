"""Data-subject rights: access export, pseudonymisation, retention, consent withdrawal."""

from . import erase_views, views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
