"""The residence-permit glossary page (its texts are desk/vocab/glossary.py)."""

from . import views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
