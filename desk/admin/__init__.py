"""Administration: users and the audit log. No case content."""

from . import audit_views, partner_views, views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
