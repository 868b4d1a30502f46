"""Times are stored as naive UTC; they are shown in the site's time zone by Flask-Babel."""

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return utcnow().date()
