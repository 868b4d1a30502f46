#!/usr/bin/env python3
"""List the catalogue entries still to translate (empty or fuzzy), per locale.

    .venv/bin/python scripts/po_todo.py                 # every locale, one line per entry
    .venv/bin/python scripts/po_todo.py --summary       # counts only
    .venv/bin/python scripts/po_todo.py -l ar -l ur     # only these locales
    .venv/bin/python scripts/po_todo.py --json todo.json [--split DIR]
        # a po_fill.py input to complete: {locale: {"ctxt\\u0004msgid": ""}}; plural entries get
        # a list with one slot per plural form of the locale. --split also writes DIR/<locale>.json
        # so each locale can be translated by a different person, then filled back in parallel.

    .venv/bin/python scripts/po_todo.py -l en --json en.json --prefill-source
        # the English catalogue: msgstr = msgid (then po_fill.py en.json)

With --check the exit status is 1 when anything is left to do (so it can gate a release).
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.catalogues import (
    PRINT_TRANSLATIONS_DIR,
    catalogue_locales,
    directory_of,
    entries,
    is_todo,
    key,
    load,
    placeholder_problems,
)


def todo(locale: str) -> tuple[list, int]:
    catalog = load(locale, directory_of(locale))
    return [m for m in entries(catalog) if is_todo(m)], catalog.num_plurals


def template_value(message, num_plurals: int, prefill: bool):
    if message.pluralizable:
        singular, plural = message.id[0], message.id[1]
        if not prefill:
            return [""] * num_plurals
        return [singular] + [plural] * (num_plurals - 1) if num_plurals > 1 else [plural]
    return message.id if prefill else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-l", "--locale", action="append", help="only this locale (repeatable)")
    parser.add_argument("--summary", action="store_true", help="counts only")
    parser.add_argument("--json", metavar="FILE", help="write a po_fill.py template")
    parser.add_argument("--split", metavar="DIR", help="with --json: also one file per locale")
    parser.add_argument("--prefill-source", action="store_true",
                        help="with --json: values = the English source (for the en catalogue)")
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is left")
    args = parser.parse_args()

    locales = args.locale or catalogue_locales() + catalogue_locales(PRINT_TRANSLATIONS_DIR)
    template: dict[str, dict] = {}
    left = 0
    for locale in locales:
        messages, num_plurals = todo(locale)
        problems = [p for m in entries(load(locale, directory_of(locale)))
                    for p in placeholder_problems(m)]
        left += len(messages) + len(problems)
        template[locale] = {key(m): template_value(m, num_plurals, args.prefill_source) for m in messages}
        if args.summary or args.json:
            print(f"{locale}: {len(messages)} to translate, {len(problems)} placeholder problems")
            continue
        for message in messages:
            state = "fuzzy" if message.fuzzy else "empty"
            ctxt = f"[{message.context}] " if message.context else ""
            msgid = message.id[0] if message.pluralizable else message.id
            print(f"{locale}\t{state}\t{ctxt}{msgid}")
        for problem in problems:
            print(f"{locale}\tplaceholders\t{problem}")
    if args.json:
        Path(args.json).write_text(json.dumps(template, ensure_ascii=False, indent=1) + "\n")
        if args.split:
            folder = Path(args.split)
            folder.mkdir(parents=True, exist_ok=True)
            for locale, items in template.items():
                (folder / f"{locale}.json").write_text(
                    json.dumps({locale: items}, ensure_ascii=False, indent=1) + "\n"
                )
    return 1 if left and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
