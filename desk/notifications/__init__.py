"""Notifications: the bell and its list, each user's e-mail choices, the outbox the worker
delivers, the scheduled jobs (overdue referrals, expiring permits, digests) and the person's
appointment reminders. Any area tells users of an event through `services.notify`."""

from . import views  # noqa: F401  (their routes are added to bp)
from .blueprint import bp

__all__ = ["bp"]
