"""Attached documents: files on a person or a case (permit scans, receipts, letters), checked
from their content, kept in a store outside the static folder by their SHA-256 and served only
through the access policy."""

from . import views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
