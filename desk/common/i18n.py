"""Locales, locale choice, and the template helpers that render codes in the reader's language."""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path

from babel import Locale, support
from babel import dates as babel_dates
from babel.lists import format_list
from flask import Flask, current_app, has_app_context, has_request_context, request, session
from flask.globals import _cv_app
from flask_babel import Domain, get_locale, get_timezone, get_translations, to_user_timezone
from flask_login import current_user
from markupsafe import Markup, escape

from . import template_gettext

# UI locales, in the order shown in the language switcher.
LOCALES = ("it", "en", "fr", "es", "ar", "ur", "uk", "sq", "bn", "zh")
RTL_LOCALES = {"ar", "ur", "fa", "he", "ps"}
# How a UI locale writes dates and times, where that differs from the language's CLDR default:
# Babel's plain "en" is US English (6/7/26 for the 7th of June, 12-hour clock); the desks are
# in Italy, where English is read as in Europe (07/06/2026, 14:30).
DATE_LOCALES = {"en": "en_150"}


def select_locale() -> str:
    """The user's saved preference, then the browser's Accept-Language, then Italian (for the
    JSON API, Accept-Language first)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if request.path.startswith("/api/"):
        # A program says in each request which language its messages are for.
        best = request.accept_languages.best_match(LOCALES)
        if best:
            return best
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in LOCALES:
        if session.get("locale") != user_locale:
            session["locale"] = user_locale  # so that a page made without the database knows it
        return user_locale
    return request_locale()


def request_locale() -> str:
    """The locale the request itself names (the session cookie, then Accept-Language, then
    Italian), found without the database: for the error pages of an outage."""
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


def current_locale() -> Locale | None:
    """flask_babel.get_locale(), read straight from the application context once Flask-Babel
    has chosen it (and as force_locale sets it): get_locale passes three context proxies on
    every call, and a list page asks 150 times (names, dates, lists)."""
    context = _cv_app.get(None)
    locale = _chosen_locale(context.g.__dict__) if context is not None else None
    return locale if locale is not None else get_locale()


def _chosen_locale(state: dict) -> Locale | None:
    """The locale Flask-Babel keeps in an application context's `g`, once chosen."""
    return getattr(state.get("_flask_babel"), "babel_locale", None)


def translations():
    """The catalogue of the reader's locale, found once per application context (and again
    inside force_locale or after flask_babel.refresh, which change the locale object).
    Flask-Babel looks it up through several context proxies on every call (15 µs): on a list
    page of 50 rows that was a quarter of the time."""
    context = _cv_app.get(None)
    if context is None:
        return get_translations()
    state = context.g.__dict__
    locale = _chosen_locale(state)
    memo = state.get("desk_translations")
    if memo is not None and locale is not None and memo[0] is locale:
        return memo[1]
    found = get_translations()
    state["desk_translations"] = (_chosen_locale(state), found)
    return found


@lru_cache(maxsize=32)
def _date_locale(code: str) -> Locale:
    return Locale.parse(DATE_LOCALES.get(code, code))


def date_locale() -> Locale:
    """The locale whose conventions dates and times are written in, for the reader's locale."""
    return _date_locale(str(current_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]))


def format_date(value: date | datetime, format: str = "medium") -> str:
    """A date (or the site's local date of a naive UTC datetime) as the reader writes it."""
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    return _formatted_date(value, format, date_locale())


@lru_cache(maxsize=1 << 14)
def _formatted_date(value: date, format: str, locale: Locale) -> str:
    """Lists show the same days again and again (due dates, today): Babel lays each out
    once per locale (30-40 µs a call)."""
    return babel_dates.format_date(value, format, locale=locale)


def format_time(value: datetime, format: str = "medium") -> str:
    """The site's local time of a naive UTC datetime, as the reader writes it."""
    return babel_dates.format_time(value, format, tzinfo=get_timezone(), locale=date_locale())


def format_datetime(value: datetime, format: str = "medium", time: str | None = None) -> str:
    """A naive UTC datetime in the site's time zone, as the reader writes it. `time` gives the
    time part its own length: ('full', time='short') is the whole date with hours and minutes,
    without seconds or the time zone's name (for what is printed for a person)."""
    if time is None:
        return babel_dates.format_datetime(value, format, tzinfo=get_timezone(),
                                           locale=date_locale())
    locale = date_locale()
    moment = to_user_timezone(value)
    return (babel_dates.get_datetime_format(format, locale=locale).replace("'", "")
            .replace("{0}", babel_dates.format_time(moment, time, locale=locale))
            .replace("{1}", babel_dates.format_date(moment, format, locale=locale)))


def format_month(value: date) -> str:
    """A month and year ("June 2026", "giugno 2026", "2026年6月")."""
    return babel_dates.format_skeleton("yMMMM", value, locale=date_locale())


def join_words(items: Iterable) -> str:
    """Plain texts joined as a list in the reader's language: "A, B e C", "A وB وC", "A、B和C"."""
    words = [str(item) for item in items]
    return format_list(words, locale=current_locale() or "it") if words else ""


def join_list(items: Iterable, show: Callable | Mapping | None = None,
              isolate: bool = False) -> Markup:
    """Items joined as a list in the reader's language: `{{ codes|join_list(language_name) }}`.
    Each item is escaped (markup, such as a macro's output, is kept) and, with isolate=True,
    wrapped in <bdi> (names, codes). desk.vocab adds vocabularies: `needs|join_list(vocab.NEEDS)`."""
    if isinstance(show, Mapping):
        show = partial(_mapped, show)
    parts = [escape(show(item) if show else item) for item in items]
    if isolate:
        parts = [Markup("<bdi>%s</bdi>") % part for part in parts]
    # The locale's pattern is text: it is escaped, the items are put in afterwards.
    marks = [f"\x00{index}\x00" for index in range(len(parts))]
    text = escape(join_words(marks))
    for mark, part in zip(marks, parts, strict=True):
        text = text.replace(mark, part)
    return Markup(text)


def _mapped(mapping: Mapping, item) -> str:
    return str(mapping.get(item, item))


def has_catalogue(language: str | None) -> bool:
    """A UI locale with its compiled catalogue (print-only catalogues: desk.common.print_languages)."""
    if language not in LOCALES:
        return False
    if language == "en":  # message ids are English
        return True
    folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0])
    return (folder / language / "LC_MESSAGES" / "messages.mo").exists()


class CatalogueDomain(Domain):
    """Flask-Babel's domain, merging the catalogues of every translation directory (the UI's
    and the print-only ones), except that a directory without the locale's catalogue is
    skipped: Flask-Babel merges the plural rule of the missing one (English's) over the
    found one's, which would give Romanian or Arabic English plurals."""

    def get_translations(self):
        locale = get_locale() if has_app_context() else None
        if locale is None:
            return support.NullTranslations()
        cache = self.get_translations_cache(None)
        key = (str(locale), self.domain[0])
        found = cache.get(key)
        if found is None:
            found = support.Translations()
            for folder in self.translation_directories:
                catalogue = support.Translations.load(folder, [locale], self.domain[0])
                if isinstance(catalogue, support.Translations):
                    found.merge(catalogue)
                    found.plural = catalogue.plural
            cache[key] = found
        return found


def init_i18n(app: Flask, babel) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    babel.domain_instance = CatalogueDomain(domain="messages")
    # Templates' _() / gettext / ngettext / pgettext, through the per-request catalogue above.
    template_gettext.install(app.jinja_env, translations)
    # Flask-Babel's date filters, with the date conventions of DATE_LOCALES.
    app.jinja_env.filters.update(
        dateformat=format_date, datetimeformat=format_datetime, timeformat=format_time,
        monthformat=format_month,
    )

    @app.context_processor
    def inject_locale():
        locale = str(get_locale() or "it")
        return {
            "locale": locale,
            "rtl": is_rtl(locale),
            "ui_locales": ui_locales(),
        }
