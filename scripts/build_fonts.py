#!/usr/bin/env python3
"""Builds the web fonts the app serves, so that every script of the UI and of the prints
renders on any PC, fonts installed or not (no CDN, nothing downloaded at run time).

    apt-get install fonts-noto-core fonts-noto-cjk         # the sources (Debian packages)
    .venv/bin/python scripts/build_fonts.py [--source DIR]  # writes the files below

Without installing them: `apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb
DIR`, then `--source DIR`. Writes desk/static/fonts/*.woff2 (committed: a fresh clone needs no
network), their OFL licence and README, and desk/static/css/fonts.css (the @font-face rules,
each with a unicode-range, so a page downloads only the fonts of the scripts it shows).

The Chinese font keeps GB2312 level 1 (3,755 common hanzi), every Han character of the
catalogues, of the CLDR names and dates of the UI locales and of the demo data; GB2312 level 2
goes into a second file that a page loads only when it shows one of those characters.
"""

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk.common.i18n import LOCALES, locale_name  # noqa: E402
from desk.common.print_languages import PRINT_CATALOGUES  # noqa: E402

FONTS = ROOT / "desk" / "static" / "fonts"
CSS = ROOT / "desk" / "static" / "css" / "fonts.css"
LICENCE_BODY = Path(__file__).with_name("OFL-1.1.txt")
DEFAULT_SOURCES = (Path("/usr/share/fonts"),)

JOINERS = ((0x200C, 0x200D),)
DANDAS = ((0x0964, 0x0965),)
ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF),
          (0xFE70, 0xFEFF)) + JOINERS
BENGALI = ((0x0980, 0x09FF),) + DANDAS + JOINERS
GURMUKHI = ((0x0A00, 0x0A7F),) + DANDAS + JOINERS
ETHIOPIC = ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F))
HAN = ((0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
       (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
# CJK punctuation and full-width forms kept whole (the rest of HAN only where listed).
HAN_PUNCTUATION = ((0x3000, 0x303F), (0xFE30, 0xFE4F), (0xFF01, 0xFF60), (0xFFE0, 0xFFEE))
# Glyphs kept although not in the unicode-range: the dotted circle shows a lone mark.
EXTRA_GLYPHS = "\u25cc"


@dataclass(frozen=True)
class Face:
    stem: str  # file name without .woff2
    family: str  # the CSS family name the stylesheet uses
    source: str  # file name of the source font
    weight: int = 400
    blocks: tuple = ()
    collection_face: str | None = None  # family inside a .ttc
    text: str | None = None  # only these characters (else: every character of the blocks)
    exact_range: bool = True  # unicode-range lists the font's characters, not the blocks
    layout_features: tuple = ()  # features dropped from the default set


def in_blocks(char: str, blocks) -> bool:
    return any(low <= ord(char) <= high for low, high in blocks)


def block_text(blocks) -> str:
    return "".join(chr(c) for low, high in blocks for c in range(low, high + 1))


def gb2312_level(level: int) -> str:
    """The hanzi of GB2312 level 1 (rows 16-55, by frequency of use) or 2 (rows 56-87)."""
    rows = range(16, 56) if level == 1 else range(56, 88)
    chars = []
    for row in rows:
        for cell in range(1, 95):
            try:
                chars.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def cldr_text(code: str) -> str:
    """What Babel writes in a UI locale: names of languages, countries and locales, months,
    days, day periods and the literal parts of the date patterns (年, 月, 日 ...)."""
    locale = Locale.parse(code)
    parts = [*locale.languages.values(), *locale.territories.values(),
             *(locale_name(other) for other in LOCALES),
             *(Locale.parse(other).get_display_name(code) or "" for other in LOCALES)]
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated", "narrow"):
            parts += locale.months[context][width].values()
            parts += locale.days[context][width].values()
            parts += locale.day_periods.get(context, {}).get(width, {}).values()
    parts += [str(pattern) for pattern in locale.date_formats.values()]
    parts += [str(pattern) for pattern in locale.datetime_formats.values()]
    parts += [str(pattern) for pattern in locale.time_formats.values()]
    parts += [pattern for pattern in locale.list_patterns.get("standard", {}).values()]
    return "".join(parts)


def required_text() -> str:
    """Every character the app itself may print: catalogues, CLDR data, demo data."""
    parts = []
    pos = [*(ROOT / "translations").glob("*/LC_MESSAGES/messages.po"),
           *(ROOT / "translations-print").glob("*/LC_MESSAGES/messages.po")]
    for po in sorted(pos):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            parts += [s for s in strings if s]
    parts += [cldr_text(code) for code in (*LOCALES, *PRINT_CATALOGUES)]
    parts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "desk" / "demo").glob("*.py"))]
    return "".join(parts)


def faces() -> list[Face]:
    needed = required_text()
    han_needed = "".join(sorted({c for c in needed if in_blocks(c, HAN)}))
    common = "".join(sorted(set(gb2312_level(1)) | set(han_needed) | set(block_text(HAN_PUNCTUATION))))
    rare = "".join(sorted(set(gb2312_level(2)) - set(common)))
    names = "".join(locale_name(code) for code in LOCALES)
    cjk_features = ("locl", "vert", "vrt2", "vkrn", "vpal", "valt", "aalt")  # no JP/KR forms, no vertical text
    result = []
    for weight, style in ((400, "Regular"), (700, "Bold")):
        result += [
            Face(f"noto-sans-arabic-{weight}", "Sportello Arabic", f"NotoSansArabic-{style}.ttf", weight, ARABIC),
            Face(f"noto-nastaliq-urdu-{weight}", "Sportello Nastaliq", f"NotoNastaliqUrdu-{style}.ttf", weight,
                 ARABIC),
            Face(f"noto-sans-bengali-{weight}", "Sportello Bengali", f"NotoSansBengali-{style}.ttf", weight,
                 BENGALI),
            Face(f"noto-sans-ethiopic-{weight}", "Sportello Ethiopic", f"NotoSansEthiopic-{style}.ttf", weight,
                 ETHIOPIC),
            Face(f"noto-sans-gurmukhi-{weight}", "Sportello Gurmukhi", f"NotoSansGurmukhi-{style}.ttf", weight,
                 GURMUKHI),
        ]
    # One weight of Chinese (bold is synthesised): a second one would double a 600 kB download.
    cjk = {"source": "NotoSansCJK-Regular.ttc", "collection_face": "Noto Sans CJK SC",
           "layout_features": cjk_features}
    result += [
        Face("noto-sans-sc-400", "Sportello SC", blocks=HAN, text=common, exact_range=False, **cjk),
        Face("noto-sans-sc-400-rare", "Sportello SC", blocks=HAN, text=rare, **cjk),
    ]
    # The language switcher names each locale in its own script on every page: tiny files of
    # just those letters, so that a page in Italian does not download the Chinese font for "中文".
    for script, blocks, source in (("arabic", ARABIC, "NotoSansArabic-Regular.ttf"),
                                   ("bengali", BENGALI, "NotoSansBengali-Regular.ttf")):
        result.append(Face(f"locale-names-{script}", "Sportello Locale Names", source, blocks=blocks,
                           text="".join(c for c in names if in_blocks(c, blocks))))
    result.append(Face("locale-names-sc", "Sportello Locale Names", blocks=HAN,
                       text="".join(c for c in names if in_blocks(c, HAN)), **cjk))
    return result


def find_source(name: str, folders) -> Path:
    for folder in folders:
        for path in sorted(Path(folder).rglob(name)):
            return path
    raise SystemExit(f"build_fonts: {name} not found under {', '.join(map(str, folders))}: "
                     "install fonts-noto-core and fonts-noto-cjk, or pass --source DIR")


def open_font(face: Face, folders) -> tuple[TTFont, Path]:
    path = find_source(face.source, folders)
    if face.collection_face is None:
        return TTFont(path, recalcTimestamp=False), path
    for font in TTCollection(path, recalcTimestamp=False).fonts:
        if font["name"].getDebugName(1) == face.collection_face:
            return font, path
    raise SystemExit(f"build_fonts: no face {face.collection_face!r} in {path}")


def subset_face(face: Face, folders) -> tuple[bytes, set[int], TTFont]:
    font, _path = open_font(face, folders)
    cmap = font.getBestCmap()
    wanted = face.text if face.text is not None else block_text(face.blocks)
    codepoints = {ord(c) for c in wanted if ord(c) in cmap and in_blocks(c, face.blocks)}
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = [f for f in options.layout_features if f not in face.layout_features]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, version, licence
    options.name_languages = [0x409]
    options.desubroutinize = True  # smaller once compressed (CFF)
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints | {ord(c) for c in EXTRA_GLYPHS if ord(c) in cmap})
    subsetter.subset(font)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=False)
    return buffer.getvalue(), codepoints, font


def unicode_range(codepoints) -> str:
    ranges: list[list[int]] = []
    for code in sorted(codepoints):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in ranges)


def font_face_rule(face: Face, codepoints) -> str:
    covered = codepoints if face.exact_range else {c for low, high in face.blocks for c in range(low, high + 1)}
    return (f'@font-face {{\n  font-family: "{face.family}";\n  font-style: normal;\n'
            f"  font-weight: {face.weight};\n  font-display: swap;\n"
            f'  src: url("../fonts/{face.stem}.woff2") format("woff2");\n'
            f"  unicode-range: {unicode_range(covered)};\n}}\n")


def build(folders) -> list[tuple[Face, int, int, TTFont]]:
    FONTS.mkdir(parents=True, exist_ok=True)
    built = []
    rules = ["/* Generated by scripts/build_fonts.py: do not edit. Subsets of Noto fonts (SIL OFL 1.1,\n"
             "   ../fonts/OFL.txt). Each face covers only its script (unicode-range): a page downloads\n"
             "   a file only when it shows a character of that file. */\n"]
    for face in faces():
        data, codepoints, font = subset_face(face, folders)
        (FONTS / f"{face.stem}.woff2").write_bytes(data)
        rules.append(font_face_rule(face, codepoints))
        built.append((face, len(data), len(codepoints), font))
        print(f"{face.stem}.woff2  {len(data) / 1024:7.1f} KiB  {len(codepoints):5d} characters")
    CSS.write_text("\n".join(rules), encoding="utf-8")
    report_missing(built)
    write_licence(built)
    write_readme(built)
    return built


def report_missing(built) -> None:
    """The characters of the app's own texts that a family's blocks claim but its files lack
    (the browser then takes them from the next font of the stack)."""
    needed = set(required_text())
    families: dict[str, tuple[set, set]] = {}
    for face, _size, _count, font in built:
        blocks, covered = families.setdefault(face.family, (set(), set()))
        if face.text is None or face.family == "Sportello SC":
            blocks.update(face.blocks)
        covered.update(font.getBestCmap())
    for family, (blocks, covered) in families.items():
        missing = sorted(c for c in needed if in_blocks(c, blocks) and ord(c) not in covered)
        if missing:
            print(f"{family} lacks {len(missing)}: " + " ".join(f"U+{ord(c):04X}" for c in missing))


def write_licence(built) -> None:
    notices = []
    for _face, _size, _count, font in built:
        notice = font["name"].getDebugName(0)
        if notice and notice not in notices:
            notices.append(notice)
    header = ("The fonts in this folder are subsets of the Noto fonts (https://notofonts.github.io/,\n"
              "https://github.com/notofonts/noto-cjk), made by scripts/build_fonts.py.\n\n"
              + "\n".join(notices) + "\n"
              "Noto Sans CJK: Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name\n"
              "'Source'.\n\n"
              "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
              "This license is copied below, and is also available with a FAQ at: https://openfontlicense.org\n\n")
    (FONTS / "OFL.txt").write_text(header + LICENCE_BODY.read_text(encoding="utf-8"), encoding="utf-8")


def write_readme(built) -> None:
    lines = ["# Web fonts served by the app", "",
             "Generated by `scripts/build_fonts.py` from Debian's `fonts-noto-core` and `fonts-noto-cjk`;",
             "licence: SIL Open Font License 1.1 (`OFL.txt`). `desk/static/css/fonts.css` declares them.", "",
             "| file | CSS family | weight | characters | KiB | source |", "|---|---|---|---|---|---|"]
    total = 0
    for face, size, count, font in built:
        total += size
        version = font["name"].getDebugName(5).split(";")[0]
        lines.append(f"| {face.stem}.woff2 | {face.family} | {face.weight} | {count} | {size / 1024:.1f} | "
                     f"{font['name'].getDebugName(4)}, {version} |")
    lines += ["", f"Total: {total / 1024:.0f} KiB.", ""]
    (FONTS / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", type=Path, default=[],
                        help="folder with the source fonts (searched before /usr/share/fonts)")
    args = parser.parse_args(argv)
    build([*args.source, *DEFAULT_SOURCES])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
