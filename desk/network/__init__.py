"""The territory's network: the directory of local services, referrals to outside
organisations, and the pages of the partner organisations' accounts."""

from . import directory_views, partner_views, referral_views  # noqa: F401  (routes)
from .blueprint import bp

__all__ = ["bp"]
