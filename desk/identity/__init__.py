"""One person across desks: strong identifiers unique everywhere, the notice that a person
is registered at another desk (its name only), the transfer of a case to another desk, and the
merge of two records of one person."""

from . import merge_views, transfer_views, views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
