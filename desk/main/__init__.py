"""The frame of every page: the home redirect, the menu, the health check, the icon, the
in-app guide."""

from . import guide, guide_screenshots, views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
