"""Country and language names in the reader's locale, from CLDR (Babel) and ISO lists (pycountry)."""

from functools import lru_cache

import pycountry
from babel import Locale

from ..common.i18n import current_locale

# Languages offered for people and mediators: ISO 639-1 where it exists, else 639-3 (ti, ...).
PERSON_LANGUAGES = (
    "it", "en", "fr", "es", "pt", "ar", "ur", "bn", "pa", "hi", "ta", "si", "fa", "ps", "ku",
    "tr", "uk", "ru", "ro", "sq", "sr", "pl", "zh", "tl", "ti", "am", "so", "om", "ha", "yo",
    "ig", "wo", "ff", "bm", "tw", "ln", "sw", "de", "mnk", "snk",
)


def _locale() -> str:
    """The reader's locale identifier (the names below are cached per locale)."""
    try:
        locale = current_locale()
    except RuntimeError:
        return "it"
    return _identifier(locale) if locale else "it"


@lru_cache(maxsize=64)
def _identifier(locale: Locale) -> str:
    return str(locale)


@lru_cache(maxsize=4096)
def _country_name(code: str, locale: str) -> str:
    name = Locale.parse(locale).territories.get(code.upper())
    if name:
        return name
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.name if country else code


@lru_cache(maxsize=4096)
def _language_name(code: str, locale: str) -> str:
    name = Locale.parse(locale).languages.get(code)
    if name:
        return name
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return language.name if language else code


def country_name(code: str | None) -> str:
    return _country_name(code, _locale()) if code else ""


def language_name(code: str | None) -> str:
    return _language_name(code, _locale()) if code else ""


def is_country(code: str | None) -> bool:
    return bool(code) and pycountry.countries.get(alpha_2=code.upper()) is not None


def is_language(code: str | None) -> bool:
    if not code:
        return False
    return bool(pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code))


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166 country, named and sorted in the reader's locale."""
    locale = str(_locale())
    items = [(c.alpha_2, _country_name(c.alpha_2, locale)) for c in pycountry.countries]
    return sorted(items, key=lambda item: item[1].casefold())


def language_choices() -> list[tuple[str, str]]:
    locale = str(_locale())
    items = [(code, _language_name(code, locale)) for code in PERSON_LANGUAGES]
    return sorted(items, key=lambda item: item[1].casefold())


# Where the family name comes first (Chinese, Japanese, Korean, Vietnamese, Hungarian), by the
# person's preferred language or, without one of these, their nationality.
FAMILY_FIRST_LANGUAGES = frozenset({"zh", "ja", "ko", "vi", "hu"})
FAMILY_FIRST_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "JP", "KR", "KP", "VN", "HU"})
# Scripts written without a space between family and given name.
_UNSPACED = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def family_name_first(person) -> bool:
    language = getattr(person, "preferred_language", None)
    if language in FAMILY_FIRST_LANGUAGES:
        return True
    return (getattr(person, "nationality", None) or "").upper() in FAMILY_FIRST_COUNTRIES


def _unspaced(text: str) -> bool:
    return bool(text) and all(any(low <= ord(c) <= high for low, high in _UNSPACED) for c in text)


def ordered_name(given: str | None, family: str | None, family_first: bool) -> str:
    parts = [family, given] if family_first else [given, family]
    parts = [part.strip() for part in parts if part and part.strip()]
    separator = "" if parts and all(_unspaced(part) for part in parts) else " "
    return separator.join(parts)


def printed_names(person) -> tuple[str, str]:
    """The person's name in Latin letters and in their own script (may be ""), each in the
    order of the person's culture: "Lin Jiaqi" and "林佳琪", "Amina Diallo"."""
    first = family_name_first(person)
    return (ordered_name(person.given_name, person.family_name, first),
            ordered_name(person.given_name_original, person.family_name_original, first))
