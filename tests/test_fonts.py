"""The fonts the app serves cover what the app writes, in every UI locale, on any PC: every
character of the catalogues, of the CLDR names and dates Babel writes, and of the demo data is
drawn by a served font (read from its file), or is Latin, Greek or Cyrillic, which every
system font has. Checked without a browser; tests/e2e/test_print_fonts.py checks the prints
as Chromium renders them."""

from pathlib import Path

import pycountry
import pytest
from babel import Locale
from babel.messages.pofile import read_po

from desk.common.i18n import LOCALES, locale_name
from desk.common.print_languages import PRINT_CATALOGUES
from desk.sampledata.names import ORIGINS, SHOWCASE
from desk.vocab.names import PERSON_LANGUAGES

from .fontcheck import (
    APP_CSS,
    FONTS_CSS,
    app_stack,
    glyph_problems,
    needs_served_font,
    served_faces,
    served_families,
)

ROOT = Path(__file__).resolve().parent.parent
LATIN_SCRIPT_LOCALES = ("it", "en", "fr", "es", "uk", "sq")
KIB = 1024


def stack_for(locale: str) -> list[str]:
    return app_stack(":lang(ur)") if locale == "ur" else app_stack("body")


def catalogue_text(locale: str) -> str:
    folder = "translations-print" if locale in PRINT_CATALOGUES else "translations"
    with (ROOT / folder / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    parts = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        parts += [s for s in strings if s]
    return "".join(parts)


def cldr_text(locale: str) -> str:
    """The names and date words Babel writes for the reader (countries, languages, months)."""
    data = Locale.parse(locale)
    parts = [data.territories.get(c.alpha_2, "") for c in pycountry.countries]
    parts += [data.languages.get(code, "") for code in PERSON_LANGUAGES]
    parts += [locale_name(code) for code in LOCALES]
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            parts += [*data.months[context][width].values(), *data.days[context][width].values()]
    return "".join(parts)


def original_names(countries=None) -> str:
    names = []
    for origin in ORIGINS:
        if countries is None or origin.country in countries:
            names += [original for _latin, original in (*origin.male, *origin.female, *origin.family)]
    for country, _sex, given, family, _site in SHOWCASE:
        if countries is None or country in countries:
            names += [given[1], family[1]]
    return "".join(name for name in names if name)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_character_of_the_catalogue_is_drawn_by_a_served_font(locale):
    assert glyph_problems(catalogue_text(locale), stack_for(locale)) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_country_language_and_month_names_are_drawn_by_a_served_font(locale):
    assert glyph_problems(cldr_text(locale), stack_for(locale)) == []


@pytest.mark.parametrize("locale", sorted(PRINT_CATALOGUES))
def test_every_character_of_a_print_catalogue_and_its_dates_is_drawn_by_a_served_font(locale):
    """Tigrinya (Ge'ez), Punjabi (Gurmukhi), Persian and Pashto (Arabic script) prints, with
    their month and day names and the names of languages, on a PC without those fonts."""
    assert glyph_problems(catalogue_text(locale) + cldr_text(locale), app_stack("body")) == []


def test_names_in_their_original_script_are_drawn_by_a_served_font():
    assert glyph_problems(original_names(), app_stack("body")) == []
    # A Pakistani's slip is in Urdu: the name is in the Nastaliq of the rest of the slip.
    assert glyph_problems(original_names({"PK"}), app_stack(":lang(ur)")) == []


def test_the_demo_texts_are_drawn_by_a_served_font():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "desk" / "demo").glob("*.py")))
    assert glyph_problems(text, app_stack("body")) == []


def test_the_language_switcher_names_every_locale_with_its_own_small_font():
    stack = app_stack(".locale-switch select")
    assert stack[0] == "Sportello Locale Names"
    assert glyph_problems("".join(locale_name(code) for code in LOCALES), stack) == []
    # Its files hold those letters only, so every page can afford them.
    names = [face for face in served_faces() if face.family == "Sportello Locale Names"]
    assert names and sum(face.path.stat().st_size for face in names) < 16 * KIB


@pytest.mark.parametrize("locale", LATIN_SCRIPT_LOCALES)
def test_latin_and_cyrillic_locales_need_no_served_font(locale):
    """Their pages download no font file (unless they show a name in another script)."""
    text = catalogue_text(locale) + cldr_text(locale).replace("".join(locale_name(c) for c in LOCALES), "")
    assert [c for c in dict.fromkeys(text) if needs_served_font(c)] == []


def test_urdu_comes_in_nastaliq_first():
    stack = app_stack(":lang(ur)")
    assert stack[0] == "Sportello Nastaliq"
    urdu = "".join(c for c in catalogue_text("ur") if needs_served_font(c))
    nastaliq = [f for f in served_faces() if f.family == "Sportello Nastaliq"]
    assert {f.font_name for f in nastaliq} == {"Noto Nastaliq Urdu"}
    assert all(ord(c) in face.characters for face in nastaliq for c in urdu)


def test_every_family_of_the_stylesheet_is_served_and_every_face_exists():
    css = APP_CSS.read_text(encoding="utf-8")
    used = {name for name in served_families() if f'"{name}"' in css}
    assert used == served_families()
    for face in served_faces():
        assert face.path.is_file(), face.file
        assert face.path.read_bytes()[:4] == b"wOF2", face.file
    rules = FONTS_CSS.read_text(encoding="utf-8").count("@font-face")
    assert rules == len(served_faces()) == FONTS_CSS.read_text(encoding="utf-8").count("font-display: swap")
    assert (FONTS_CSS.parent.parent / "fonts" / "OFL.txt").read_text(encoding="utf-8").count(
        "SIL OPEN FONT LICENSE Version 1.1") == 1


def test_the_bold_and_regular_faces_of_a_family_have_the_same_characters():
    by_family: dict[str, set[frozenset]] = {}
    for face in served_faces():
        if face.family != "Sportello SC" and face.family != "Sportello Locale Names":
            by_family.setdefault(face.family, set()).add(face.characters)
    assert all(len(sets) == 1 for sets in by_family.values()), by_family.keys()


def test_no_face_claims_a_character_it_lacks_except_the_chinese_blocks():
    """A face that claims a character it lacks costs a download for nothing; the common Chinese
    face claims the Han blocks (a short rule) and the rare face lists its characters."""
    for face in served_faces():
        if face.file == "noto-sans-sc-400.woff2":
            continue
        claimed = {c for low, high in face.ranges for c in range(low, high + 1)}
        assert claimed <= face.characters, face.file


def test_the_fonts_stay_light():
    size = {face.file: face.path.stat().st_size for face in served_faces()}
    assert size["noto-sans-sc-400.woff2"] < 900 * KIB  # a page in Chinese
    assert size["noto-sans-sc-400-rare.woff2"] < 900 * KIB  # only with a rare character
    others = sum(v for k, v in size.items() if not k.startswith("noto-sans-sc"))
    assert others < 1000 * KIB
    assert FONTS_CSS.stat().st_size < 40 * KIB
