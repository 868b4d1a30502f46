"""The normalised form of names that search compares: one script, no accents, no case."""

import re

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_name(text: str | None) -> str:
    """'Nguyễn' -> 'nguyen'; 'محمد' -> 'mhmd'; 'Олена' -> 'olena'. Words kept, order kept."""
    if not text:
        return ""
    ascii_text = anyascii(text).lower()
    return " ".join(word for word in _NON_ALNUM.split(ascii_text) if word)


def name_key(*names: str | None) -> str:
    """Every name of a person (Latin and original script), normalised, de-duplicated."""
    words: list[str] = []
    for name in names:
        for word in normalise_name(name).split():
            if word not in words:
                words.append(word)
    return " ".join(words)[:500]
