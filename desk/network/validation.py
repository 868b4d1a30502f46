"""What a directory entry must be, whether typed in a form or read from an import: opening
hours that parse and do not overlap, a phone that parses, an http(s) address, known need
codes and languages. Each problem is a translated sentence."""

import re
from datetime import time
from urllib.parse import urlsplit

import phonenumbers
from flask_babel import gettext as _

from ..vocab.codes import NEEDS
from ..vocab.names import is_language

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SLOT = re.compile(r"^(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})$")


class Invalid(ValueError):
    """A refused value; str() is the translated reason."""


def _time(hours: str, minutes: str) -> time:
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        return time(23, 59)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise Invalid(_("%(value)s is not a time of day.", value=f"{hours}:{minutes}"))
    return time(h, m)


def parse_slots(text: str | None) -> list[tuple[time, time]]:
    """One day's hours, e.g. "09:00-12:30, 14:00-17:00"; empty means closed."""
    slots = []
    for part in re.split(r"[,;]", text or ""):
        part = part.strip()
        if not part:
            continue
        match = _SLOT.match(part)
        if not match:
            raise Invalid(_("Write the hours as 09:00-12:30, with a comma between two "
                            "openings."))
        opens, closes = _time(*match.groups()[:2]), _time(*match.groups()[2:])
        if closes <= opens:
            raise Invalid(_("An opening ends before it starts (%(slot)s).", slot=part))
        slots.append((opens, closes))
    slots.sort()
    for (_o1, c1), (o2, _c2) in zip(slots, slots[1:], strict=False):
        if o2 < c1:
            raise Invalid(_("Two openings of the same day overlap."))
    return slots


def format_slots(slots) -> str:
    return ", ".join(f"{o:%H:%M}-{c:%H:%M}" for o, c in slots)


def parse_week(text: str | None) -> dict[int, list[tuple[time, time]]]:
    """A week's hours in one cell (imports): "mon 09:00-13:00; thu 14:00-17:00, 18:00-19:00"."""
    week: dict[int, list] = {}
    for part in re.split(r";|\n", text or ""):
        part = part.strip()
        if not part:
            continue
        day, _sep, rest = part.partition(" ")
        if day.lower() not in DAY_CODES:
            raise Invalid(_("Unknown day %(day)s: use mon, tue, wed, thu, fri, sat, sun.",
                            day=day))
        weekday = DAY_CODES.index(day.lower())
        week[weekday] = parse_slots(format_slots(week.get(weekday, [])) + "," + rest)
    return week


def format_week(week: dict[int, list]) -> str:
    return "; ".join(f"{DAY_CODES[d]} {format_slots(s)}" for d, s in sorted(week.items()) if s)


def clean_phone(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = phonenumbers.parse(value, "IT")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or len(value) > 32 or not phonenumbers.is_valid_number(number):
        raise Invalid(_("This is not a valid phone number. Write an Italian number "
                        "(e.g. 011 123 4567) or a foreign one with its prefix."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_url(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value \
            or len(value) > 300:
        raise Invalid(_("Write the full address of the website, beginning with https:// or "
                        "http://."))
    return value


def clean_email(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 254 or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise Invalid(_("This is not a valid e-mail address."))
    return value


def clean_needs(codes) -> list[str]:
    unknown = [c for c in codes if c not in NEEDS]
    if unknown:
        raise Invalid(_("Unknown need code: %(codes)s.", codes=", ".join(unknown)))
    if not codes:
        raise Invalid(_("Choose at least one need the service answers."))
    return sorted(set(codes))


def clean_languages(codes) -> list[str]:
    unknown = [c for c in codes if not is_language(c)]
    if unknown:
        raise Invalid(_("Unknown language code: %(codes)s.", codes=", ".join(unknown)))
    return sorted(set(codes))
