#!/usr/bin/env python3
"""Merge translations from JSON files into translations/<locale>/LC_MESSAGES/messages.po
(or translations-print/<locale>/... for the print-only catalogues).

    .venv/bin/python scripts/po_fill.py ar.json ur.json [--overwrite] [--dry-run]

Each file: {locale: {key: translation}}, where key is the msgid, or "context\\u0004msgid" for
entries with a msgctxt (in JSON: "permit\\u0004Study"); for plural entries the key is the
singular msgid and the translation a list with one string per plural form of the locale.
`scripts/po_todo.py --json` writes exactly this shape with empty values.

Only empty or fuzzy entries are filled unless --overwrite. A filled entry loses its fuzzy
flag. Translations whose placeholders (%(name)s, %s, {n}) differ from the msgid's, keys not
in the catalogue and plural lists of the wrong length are refused and reported; the rest is
written. Run `make i18n` (or `pybabel compile -d translations`) afterwards to rebuild .mo files.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.catalogues import directory_of, is_todo, load, placeholder_problems, po_path, save, split_key


def fill(locale: str, items: dict, overwrite: bool, dry_run: bool) -> tuple[int, list[str]]:
    directory = directory_of(locale)
    catalog = load(locale, directory)
    filled, refused = 0, []
    for item_key, value in items.items():
        context, msgid = split_key(item_key)
        message = catalog.get(msgid, context=context)
        if message is None:
            refused.append(f"{locale}: not in catalogue: {item_key!r}")
            continue
        if not value or (isinstance(value, list) and not all(v.strip() for v in value)):
            continue
        if not overwrite and not is_todo(message):
            continue
        if message.pluralizable:
            if not isinstance(value, list) or len(value) != catalog.num_plurals:
                refused.append(f"{locale}: {item_key!r} needs {catalog.num_plurals} plural forms")
                continue
            new_string = tuple(value)
        elif isinstance(value, str):
            new_string = value
        else:
            refused.append(f"{locale}: {item_key!r} is not plural; give one string")
            continue
        previous = (message.string, message.fuzzy)
        message.string = new_string
        message.flags.discard("fuzzy")
        problems = placeholder_problems(message)
        if problems:
            message.string = previous[0]
            if previous[1]:
                message.flags.add("fuzzy")
            refused.extend(f"{locale}: placeholders {p}" for p in problems)
            continue
        filled += 1
    if filled and not dry_run:
        save(catalog, locale, directory)
    return filled, refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--overwrite", action="store_true", help="also replace translated entries")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    args = parser.parse_args()

    merged: dict[str, dict] = {}
    for path in args.files:
        for locale, items in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(locale, {}).update(items)
    status = 0
    for locale, items in sorted(merged.items()):
        if not po_path(locale, directory_of(locale)).exists():
            print(f"{locale}: no catalogue (run `make i18n` first)", file=sys.stderr)
            status = 1
            continue
        filled, refused = fill(locale, items, args.overwrite, args.dry_run)
        print(f"{locale}: {filled} filled, {len(refused)} refused")
        for line in refused:
            print("  " + line, file=sys.stderr)
        status = status or (1 if refused else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
