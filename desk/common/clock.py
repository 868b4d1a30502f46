"""Times are stored as naive UTC; a "day" is a day of the desk's time zone (Europe/Rome unless
configured), so that "today" changes at the desk's midnight, not at UTC's.

The clock can be set to start from a given moment and run on from there (tests, the demo):
every reader of the time in the app goes through `utcnow()`.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Europe/Rome"
_offset: timedelta | None = None


def _real_utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def utcnow() -> datetime:
    now = _real_utcnow()
    return now + _offset if _offset is not None else now


def set_clock(moment: datetime | None) -> None:
    """Make the app's clock read `moment` (naive UTC) now and run on from it; None: real time."""
    global _offset
    _offset = None if moment is None else moment - _real_utcnow()


def desk_zone() -> ZoneInfo:
    from flask import current_app, has_app_context

    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_ZONE)


def to_local(moment: datetime) -> datetime:
    """A naive UTC moment as an aware moment of the desk's time zone."""
    return moment.replace(tzinfo=UTC).astimezone(desk_zone())


def local_day(moment: datetime) -> date:
    return to_local(moment).date()


def today() -> date:
    """The desk's date now."""
    return local_day(utcnow())


def day_start_utc(day: date) -> datetime:
    """The naive UTC moment at which `day` begins at the desk (23:00 or 22:00 UTC the day before)."""
    start = datetime.combine(day, time.min, tzinfo=desk_zone())
    return start.astimezone(UTC).replace(tzinfo=None)
