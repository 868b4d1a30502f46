"""Reading, checking and compiling the gettext catalogues in translations/.

Used by scripts/po_todo.py, scripts/po_fill.py and the test suite; never at request time.
"""

import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
# The print-only catalogues (person-facing texts; scripts/print_catalogues.py).
PRINT_TRANSLATIONS_DIR = TRANSLATIONS_DIR.with_name("translations-print")
CONTEXT_SEPARATOR = "\u0004"
# %(name)s, %s, %d and {n} / {0}: what must survive translation unchanged.
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdifr]|%[sdifr]|\{\w*\}")


def po_path(locale: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / locale / "LC_MESSAGES" / "messages.po"


def directory_of(locale: str) -> Path:
    """Where a locale's catalogue is: translations/ (UI) or translations-print/ (prints only)."""
    if not po_path(locale).exists() and po_path(locale, PRINT_TRANSLATIONS_DIR).exists():
        return PRINT_TRANSLATIONS_DIR
    return TRANSLATIONS_DIR


def catalogue_locales(directory: Path = TRANSLATIONS_DIR) -> list[str]:
    return sorted(p.parent.parent.name for p in directory.glob("*/LC_MESSAGES/messages.po"))


def load(locale: str, directory: Path = TRANSLATIONS_DIR) -> Catalog:
    with po_path(locale, directory).open("rb") as handle:
        return read_po(handle, locale=locale)


def save(catalog: Catalog, locale: str, directory: Path = TRANSLATIONS_DIR) -> None:
    with po_path(locale, directory).open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False)


def key(message: Message) -> str:
    """"context\\u0004msgid" (msgid = the singular for plurals), as po_fill.py expects."""
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return f"{message.context}{CONTEXT_SEPARATOR}{msgid}" if message.context else msgid


def split_key(value: str) -> tuple[str | None, str]:
    if CONTEXT_SEPARATOR in value:
        context, msgid = value.split(CONTEXT_SEPARATOR, 1)
        return context, msgid
    return None, value


def entries(catalog: Catalog) -> Iterator[Message]:
    for message in catalog:
        if message.id:
            yield message


def forms(message: Message) -> list[str]:
    if isinstance(message.string, tuple | list):
        return list(message.string)
    return [message.string or ""]


def is_todo(message: Message) -> bool:
    return message.fuzzy or not all(form.strip() for form in forms(message))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def placeholder_problems(message: Message) -> list[str]:
    """Each translated form whose placeholders differ from its message id's."""
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    expected = placeholders(ids[-1]) | placeholders(ids[0])
    problems = []
    for form in forms(message):
        if form and placeholders(form) != expected:
            problems.append(f"{key(message)!r}: {sorted(placeholders(form))} != {sorted(expected)}")
    return problems


def compile_catalogues(directory: Path = TRANSLATIONS_DIR, force: bool = False,
                       output_dir: Path | None = None) -> list[str]:
    """Write messages.mo for each messages.po that is newer (fuzzy entries left out), next to it
    or, with output_dir, into output_dir/<locale>/LC_MESSAGES/ (a private copy for tests)."""
    written = []
    for locale in catalogue_locales(directory):
        source = po_path(locale, directory)
        target = (po_path(locale, output_dir) if output_dir else source).with_suffix(".mo")
        if not force and target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        catalog = load(locale, directory)
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(locale)
    return written
