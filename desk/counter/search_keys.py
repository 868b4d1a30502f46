"""The normalised form of names that search compares: one script, no accents, no case."""

import re
from functools import lru_cache

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


# Spellings that transliterations of the same name swap freely, folded before vowels go.
_FOLDS = (
    ("sch", "s"), ("tch", "c"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("dh", "d"), ("sh", "s"), ("ch", "c"), ("ck", "k"), ("ou", "u"), ("q", "k"),
    ("c", "k"), ("z", "s"), ("j", "g"), ("x", "ks"),
)
_VOWELS = set("aeiouy")
# Inside a word these stand for vowels in transliterations from Arabic script (و, ی).
_SILENT_INSIDE = _VOWELS | {"w"}


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A coarse sound key: 'mohamed', 'muhammad', 'mohammed' and 'mhmd' all give 'mhmd'.

    Transliteration variants are folded, vowels after the first letter dropped and
    repeated letters collapsed. Digits are kept as they are (they are not names).
    """
    word = normalise_name(word).replace(" ", "")
    if not word or word.isdigit():
        return word
    for old, new in _FOLDS:
        word = word.replace(old, new)
    head, tail = word[0], [c for c in word[1:] if c not in _SILENT_INSIDE]
    if head in _VOWELS:
        head = "a"  # 'Ibrahim' / 'Ebrahim', 'Omar' / 'Umar'
    key = head
    for char in tail:
        if char != key[-1]:
            key += char
    if len(key) > 2 and key.endswith("h"):
        key = key[:-1]  # 'Fatimah' / 'Fatima' / 'فاطمة'
    return key


def deletion_variants(key: str) -> set[str]:
    """The key with one letter removed: two keys one typo apart share at least one variant."""
    if len(key) < 4:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def search_keys(word: str) -> set[str]:
    """Every key under which a name word is indexed (and looked up)."""
    key = phonetic(word)
    if not key:
        return set()
    return {key} | deletion_variants(key)
