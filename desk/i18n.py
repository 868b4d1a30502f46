"""Locales, locale choice, and the template helpers that render codes in the reader's language."""

from functools import lru_cache

from babel import Locale
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

from .vocab import codes as vocab
from .vocab import names

# UI locales, in the order shown in the language switcher.
LOCALES = ("it", "en", "fr", "es", "ar", "ur", "uk", "sq", "bn", "zh")
RTL_LOCALES = {"ar", "ur", "fa", "he", "ps"}


def select_locale() -> str:
    """The user's saved preference, then the browser's Accept-Language, then Italian."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in LOCALES:
        return user_locale
    if session.get("locale") in LOCALES:
        return session["locale"]
    best = request.accept_languages.best_match(LOCALES)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def is_rtl(locale_code: str) -> bool:
    return locale_code.split("_")[0] in RTL_LOCALES


@lru_cache(maxsize=64)
def locale_name(code: str) -> str:
    """A UI locale's name in its own language (for the switcher)."""
    try:
        return Locale.parse(code).get_display_name(code).capitalize()
    except (ValueError, TypeError):
        return code


@lru_cache(maxsize=1)
def ui_locales() -> tuple[tuple[str, str], ...]:
    """The language switcher's entries: each locale in its own language (the same on every
    page, so computed once)."""
    return tuple((code, locale_name(code)) for code in LOCALES)


def init_i18n(app: Flask, babel) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)

    @app.context_processor
    def inject_locale():
        locale = str(get_locale() or "it")
        return {
            "locale": locale,
            "rtl": is_rtl(locale),
            "ui_locales": ui_locales(),
            "vocab": vocab,
            "label": vocab.label,
            "country_name": names.country_name,
            "language_name": names.language_name,
        }
