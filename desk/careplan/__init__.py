"""The care plan of a case: goals per dimension and case conferences."""

from . import views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
