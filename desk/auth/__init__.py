"""Signing in and out, the second factor, the user's own account and language."""

from . import account_views, fresh, token_views, twofactor_views, views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
