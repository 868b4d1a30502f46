"""The print-only catalogues: translations-print/<code>/LC_MESSAGES/messages.po.

They hold the person-facing texts only: the messages of the print templates and of the
vocabularies those templates show (desk.common.print_languages.PRINT_TEMPLATES and
PRINT_VOCABULARIES). `make i18n` runs this script: it writes translations-print/messages.pot,
creates a catalogue for each language of PRINT_CATALOGUES that has none, adds new messages
as empty entries and drops the ones no print uses any more. Translate them with
scripts/po_fill.py --directory translations-print; compile with `make translations`.

    .venv/bin/python scripts/print_catalogues.py [--check]
"""

import argparse
import importlib
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po
from flask_babel.speaklater import LazyString

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk.common.print_languages import (  # noqa: E402
    PRINT_CATALOGUES,
    PRINT_TEMPLATES,
    PRINT_TEXT_MODULES,
    PRINT_VOCABULARIES,
)
from scripts.catalogues import key, load, po_path  # noqa: E402

PRINT_DIR = ROOT / "translations-print"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3)}


def print_messages() -> Catalog:
    """Every message a print shows, as a template catalogue."""
    catalog = Catalog(project="Sportello prints", copyright_holder="Sportello")
    for template in PRINT_TEMPLATES:
        for _lineno, message, _comments, context in extract_from_file(
                "jinja2.ext:babel_extract", ROOT / template, keywords=KEYWORDS,
                options={"trimmed": "false"}):
            catalog.add(message, context=context)
    from desk.vocab import codes

    for name in PRINT_VOCABULARIES:
        for lazy in getattr(codes, name).values():
            context, message = lazy._args
            catalog.add(message, context=context)
    for module in PRINT_TEXT_MODULES:
        for value in vars(importlib.import_module(module)).values():
            for lazy in _lazy_strings(value):
                context, message = lazy._args if len(lazy._args) == 2 else (None, *lazy._args)
                catalog.add(message, context=context)
    return catalog


def _lazy_strings(value):
    """Every lazy gettext string in a value of nested dicts, tuples and lists."""
    if isinstance(value, LazyString):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _lazy_strings(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _lazy_strings(item)


def update(template: Catalog) -> list[str]:
    """Bring every print catalogue to the template; the languages whose file changed."""
    changed = []
    for code in PRINT_CATALOGUES:
        path = po_path(code, PRINT_DIR)
        if path.exists():
            catalog = load(code, PRINT_DIR)
        else:
            catalog = Catalog(locale=Locale.parse(code), project="Sportello prints", fuzzy=False)
            path.parent.mkdir(parents=True, exist_ok=True)
        before = {key(m): m.string for m in catalog if m.id}
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.fuzzy = False  # a fuzzy header would make pybabel compile skip the file
        after = {key(m): m.string for m in catalog if m.id}
        if before != after or not path.exists():
            with path.open("wb") as handle:
                write_po(handle, catalog, width=0, omit_header=False, no_location=True,
                         sort_output=True)
            changed.append(code)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a catalogue lacks a message or has one no print uses")
    args = parser.parse_args(argv)
    template = print_messages()
    if args.check:
        wanted = {key(m) for m in template if m.id}
        stale = [code for code in PRINT_CATALOGUES if not po_path(code, PRINT_DIR).exists()
                 or {key(m) for m in load(code, PRINT_DIR) if m.id} != wanted]
        print("print catalogues out of date: " + ", ".join(stale) if stale else "print catalogues up to date")
        return 1 if stale else 0
    PRINT_DIR.mkdir(exist_ok=True)
    with (PRINT_DIR / "messages.pot").open("wb") as handle:
        write_po(handle, template, width=0, no_location=True, sort_output=True)
    changed = update(template)
    print(f"{len([m for m in template if m.id])} print messages; updated: {', '.join(changed) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
