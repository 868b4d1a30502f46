"""The language of what is printed for a person (slips, notices, referral sheets).

A print comes out in the first of the person's languages (the preferred one, then the others
they read) that has a print catalogue at the desk: a UI locale, or one of the print-only
catalogues below, which hold the person-facing texts only (docs/translations.md). With none,
the print comes out twice, in Italian and in English. The operator can choose another
language on every print (`?lang=`); `print_choice()` reads that choice and the template
partial `_print_language.html` shows the form and the "not reviewed" mark.

Used by every print view, the same way:

    choice = print_choice(person, site)
    copies = render_copies("area/_x_body.html", choice.languages, person=person, ...)
    return render_template("area/x.html", choice=choice, copies=copies, ...)
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flask import render_template, request
from flask_babel import force_locale, get_babel
from markupsafe import Markup

from .i18n import LOCALES, is_rtl

# Print-only catalogues (translations-print/<code>/LC_MESSAGES/messages.po): language ->
# reviewed by a native speaker. Translated by the development team; when a reader of the
# language has checked every entry, set True here and in docs/translations.md.
PRINT_CATALOGUES: dict[str, bool] = {
    "ro": False,  # Romanian
    "ru": False,  # Russian
    "fa": False,  # Persian (right to left)
    "ps": False,  # Pashto (right to left)
    "ti": False,  # Tigrinya (Ge'ez script)
    "so": False,  # Somali
    "pa": False,  # Punjabi (Gurmukhi script)
    "tr": False,  # Turkish
}
# When none of the person's languages has a catalogue.
FALLBACK = ("it", "en")
# The templates whose texts are person-facing, so the print-only catalogues translate them
# (scripts/print_catalogues.py extracts them, with the vocabularies below).
PRINT_TEMPLATES = (
    "desk/templates/_print_desk.html",
    "desk/templates/_print_name.html",
    "desk/counter/templates/counter/_slip_body.html",
    "desk/counter/templates/counter/_privacy_notice_body.html",
    "desk/teamwork/templates/teamwork/_appointment_slip.html",
    "desk/procedures/templates/procedures/_sheet_body.html",
)
# The vocabularies (desk.vocab.codes) whose labels the print templates show.
PRINT_VOCABULARIES = ("TEAM_KINDS", "REFERRAL_REASONS")
# Modules whose lazy texts the print templates show (every lazy string in them).
PRINT_TEXT_MODULES = ("desk.vocab.procedure_texts",)


def is_reviewed(language: str) -> bool:
    """UI catalogues are reviewed; a print-only one when PRINT_CATALOGUES says so."""
    return PRINT_CATALOGUES.get(language, language in LOCALES)


def has_catalogue(language: str | None) -> bool:
    """A compiled catalogue for this language exists (English: the message ids)."""
    if language not in LOCALES and language not in PRINT_CATALOGUES:
        return False
    if language == "en":
        return True
    return any((Path(folder) / language / "LC_MESSAGES" / "messages.mo").exists()
               for folder in get_babel().translation_directories)


def print_languages_at(site) -> list[str]:
    """The languages a print can come out in at this desk: the UI locales, then the print-only
    catalogues (those not reviewed only where the desk allows them)."""
    allow_unreviewed = getattr(site, "unreviewed_prints", True) is not False
    languages = [code for code in LOCALES if has_catalogue(code)]
    languages += [code for code, reviewed in PRINT_CATALOGUES.items()
                  if (reviewed or allow_unreviewed) and has_catalogue(code)]
    return languages


def person_languages(person) -> list[str]:
    """The preferred language first, then the other languages the person reads (in the order
    the register keeps them: the desk records no ranking beyond the preferred one)."""
    ordered = [person.preferred_language] if person.preferred_language else []
    return ordered + [code for code in person.languages if code not in ordered]


def print_languages(person, site=None, override: str | None = None) -> tuple[str, ...]:
    """The language(s) of a print for this person at this desk: the operator's choice if it is
    offered, else the first of the person's languages with a catalogue, else Italian and
    English (two copies)."""
    offered = print_languages_at(site if site is not None else person.site)
    if override in offered:
        return (override,)
    for code in person_languages(person):
        if code in offered:
            return (code,)
    return FALLBACK


@dataclass
class PrintChoice:
    """What a print view needs: the languages of the copies, what the operator may choose
    from, and the languages whose catalogue no native speaker has reviewed."""
    languages: tuple[str, ...]
    offered: list[str]
    chosen: str | None = None
    error: bool = False  # the operator asked for a language not offered here
    unreviewed: list[str] = field(default_factory=list)
    automatic: tuple[str, ...] = ()  # the languages without the operator's choice

    @staticmethod
    def is_reviewed(language: str) -> bool:
        return is_reviewed(language)

    @property
    def query(self) -> dict:
        """The URL arguments that keep the choice (for links and redirects)."""
        return {"lang": self.chosen} if self.chosen else {}


def print_choice(person, site=None, wanted: str | None = None) -> PrintChoice:
    """The operator's choice from `?lang=` (or `wanted`), checked against what the desk offers."""
    site = site if site is not None else person.site
    wanted = wanted if wanted is not None else request.values.get("lang") or None
    offered = print_languages_at(site)
    chosen = wanted if wanted in offered else None
    languages = print_languages(person, site, chosen)
    return PrintChoice(languages=languages, offered=offered, chosen=chosen,
                       automatic=print_languages(person, site),
                       error=bool(wanted) and chosen is None,
                       unreviewed=[code for code in languages if not is_reviewed(code)])


@dataclass(frozen=True)
class Copy:
    language: str
    rtl: bool
    body: Markup


def render_copies(template: str, languages: Iterable[str], **context) -> list[Copy]:
    """The template rendered once per language, each in that language (force_locale)."""
    copies = []
    for language in languages:
        with force_locale(language):
            body = Markup(render_template(template, print_lang=language, **context))
        copies.append(Copy(language, is_rtl(language), body))
    return copies


def ui_print_language(person) -> str:
    """For person-facing texts not yet in the print-only catalogues (the outside-service sheet,
    appointment reminders): the first of the person's languages that is a UI locale, else
    Italian."""
    for code in person_languages(person):
        if code in LOCALES and has_catalogue(code):
            return code
    return "it"
