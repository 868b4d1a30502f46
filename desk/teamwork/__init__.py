"""Team work: the team queues, the referral actions (accept, decline, complete, reassign),
appointments and their interpreters, the diary, and the permits the legal team watches."""

from . import appointment_views, referral_views, views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
