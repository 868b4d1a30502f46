"""Small helpers shared by the people views: one-time tokens, links, print language."""

import secrets
from pathlib import Path

from flask import current_app, url_for
from flask_login import current_user

from ..auth import rules
from ..i18n import LOCALES
from . import bp


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def case_url(case, access=None) -> str | None:
    """The case page if the case area provides one, else the slip of the access."""
    if case is not None and "cases.case_detail" in current_app.view_functions:
        return url_for("cases.case_detail", case_id=case.id)
    if access is not None:
        return url_for("people.slip", access_id=access.id)
    return None


def has_catalogue(language: str | None) -> bool:
    if language not in LOCALES:
        return False
    if language == "en":  # message ids are English
        return True
    folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0])
    return (folder / language / "LC_MESSAGES" / "messages.mo").exists()


def print_language(person) -> str:
    """The person's preferred language when a catalogue exists, else Italian."""
    return person.preferred_language if has_catalogue(person.preferred_language) else "it"


@bp.context_processor
def people_helpers():
    return {
        "can": lambda capability: rules.can(current_user, capability),
        "case_url": case_url,
    }
