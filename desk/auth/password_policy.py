"""What a password must be: long enough, not a common one, not the account's own name.

The list in common_passwords.txt is Django's (django/contrib/auth/common-passwords.txt.gz,
BSD licence: itself taken from Royce Williams' list of the 20,000 commonest breached
passwords), lower-cased and de-duplicated, plus a few Italian and local favourites.
"""

from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

LIST_PATH = Path(__file__).with_name("common_passwords.txt")
MAX_LENGTH = 1024


@cache
def common_passwords() -> frozenset[str]:
    with LIST_PATH.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def _context_words(email: str | None, name: str | None) -> set[str]:
    words = set()
    if email:
        words.add(email.strip().lower().split("@")[0])
    for part in (name or "").lower().split():
        words.add(part)
    return {word for word in words if len(word) >= 5}


def password_problem(password: str, *, email: str | None = None, name: str | None = None) -> str | None:
    """A translated sentence saying what is wrong with `password`, or None if it is acceptable."""
    minimum = current_app.config.get("PASSWORD_MIN_LENGTH", 12)
    if len(password or "") < minimum:
        return ngettext("The password must have at least %(count)d character.",
                        "The password must have at least %(count)d characters.", minimum, count=minimum)
    if len(password) > MAX_LENGTH:
        return ngettext("The password is too long (at most %(count)d character).",
                        "The password is too long (at most %(count)d characters).", MAX_LENGTH,
                        count=MAX_LENGTH)
    lowered = password.lower()
    squeezed = "".join(lowered.split())
    if lowered in common_passwords() or squeezed in common_passwords():
        return _("This password is among the most commonly used ones: choose another.")
    if len(set(lowered)) <= 2:
        return _("This password repeats the same characters: choose another.")
    if any(word in lowered for word in _context_words(email, name)):
        return _("The password must not contain your name or e-mail address.")
    return None
