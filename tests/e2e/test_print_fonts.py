"""The prints a person takes home (the access slip, the appointment slip, the privacy notice)
draw every character with a font the app serves, in every UI locale, whatever fonts the PC has.

Two checks per page, on screen and as printed:
- coverage, read from the font files: for every rendered text, its computed font stack and
  the @font-face rules of fonts.css give the face the browser uses for each character; that
  face's file must have the glyph (Latin, Greek and Cyrillic may come from the system);
- what Chromium really drew (DevTools' CSS.getPlatformFontsForNode): every run of Chinese,
  Arabic-script, Bengali, Ge'ez or Gurmukhi text was drawn by the served font only (a served
  file, not a font of this machine), Urdu in Noto Nastaliq Urdu.
Pages in Latin-script locales download no script font at all (network events). Screenshots of
every print: $TMPDIR/sportello-print-fonts/.
"""

import tempfile
from pathlib import Path

import pytest

from .conftest import sign_in
from .glyphs import check_print
from .pages import path_for
from .print_people import BY_PRINT_CATALOGUE, OPERATOR, WITHOUT_CATALOGUE, add_print_people
from .server import LiveServer, build_app, seed

pytestmark = pytest.mark.e2e

UI_LOCALES = ("it", "en", "fr", "es", "ar", "ur", "uk", "sq", "bn", "zh")
LATIN_SCRIPT = {"it", "en", "fr", "es", "uk", "sq"}
SHOTS = Path(tempfile.gettempdir()) / "sportello-print-fonts"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A server of its own: the demo data plus the people whose prints are checked."""
    app = build_app(tmp_path_factory.mktemp("print-fonts"))
    seed(app)
    people = add_print_people(app)
    with LiveServer(app) as live:
        live.print_people = people
        yield live


def prints(live_server, person) -> dict[str, str]:
    return {
        "access-slip": path_for(live_server, "counter.slip", access_id=person.access_id),
        "appointment-slip": path_for(live_server, "teamwork.appointment_slip", appointment_id=person.appointment_id),
        "privacy-notice": path_for(live_server, "counter.privacy_notice", person_id=person.person_id),
    }


def open_prints(new_page, live_server, ui_locale: str, key: str) -> dict[str, dict]:
    SHOTS.mkdir(exist_ok=True)
    page = new_page(locale=ui_locale)
    sign_in(page, OPERATOR, ui_locale)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    person = live_server.print_people[key]
    return {name: check_print(page, cdp, path, SHOTS / f"{key}-{name}")
            for name, path in prints(live_server, person).items()}


@pytest.mark.parametrize("locale", UI_LOCALES)
def test_every_print_draws_every_character_with_a_served_font(new_page, live_server, locale):
    seen = open_prints(new_page, live_server, locale, locale)
    problems = [f"{name}: {p}" for name, result in seen.items() for p in result["problems"]]
    assert not problems, "\n".join(problems)
    person = live_server.print_people[locale]
    for name, result in seen.items():
        fonts = {f["familyName"] for run in result["drawn"] for f in run["fonts"]}
        if locale in LATIN_SCRIPT:
            script_fonts = [f for f in {*result["requested"], *result["loaded"]}
                            if not f.startswith("locale-names-")]
            assert not script_fonts, f"the {name} in {locale} downloaded {script_fonts}"
        if locale == "zh":
            assert "Noto Sans CJK SC" in fonts and "noto-sans-sc-400.woff2" in result["loaded"]
            assert not {"noto-nastaliq-urdu-400.woff2", "noto-nastaliq-urdu-700.woff2"} & result["loaded"]
        if locale == "ur":
            assert fonts == {"Noto Nastaliq Urdu"}, f"the Urdu {name} was drawn with {fonts}"
            urdu = [run for run in result["drawn"] if run["lang"] == "ur"]
            assert urdu and all(f["familyName"] == "Noto Nastaliq Urdu" and f["isCustomFont"]
                                for run in urdu for f in run["fonts"])
        if locale in ("ar", "bn"):
            assert person.original_name.split()[0] in {run["text"] for run in result["drawn"]}
    if locale == "zh":  # 琪 of the name is in the rarer file: every print with the name loads it
        assert "noto-sans-sc-400-rare.woff2" in seen["access-slip"]["loaded"]
        assert "noto-sans-sc-400-rare.woff2" in seen["privacy-notice"]["loaded"]


@pytest.mark.parametrize("language", sorted(BY_PRINT_CATALOGUE))
def test_every_print_in_every_print_only_catalogue_draws_every_character(new_page, live_server, language):
    """Romanian, Russian, Persian, Pashto, Tigrinya, Somali, Punjabi and Turkish prints, read
    by an Italian operator: each sheet is in the person's language, no glyph is missing, and
    every run of Ge'ez, Gurmukhi or Arabic script is drawn by a served font."""
    seen = open_prints(new_page, live_server, "it", language)
    problems = [f"{name}: {p}" for name, result in seen.items() for p in result["problems"]]
    assert not problems, "\n".join(problems)
    original = live_server.print_people[language].original_name
    for name, result in seen.items():
        if language in ("fa", "ps", "ti", "pa"):
            assert [run for run in result["drawn"] if run["lang"] == language], \
                f"the {name} in {language} drew no text in its script"
            assert all(f["isCustomFont"] for run in result["drawn"] for f in run["fonts"])
        if original and name != "privacy-notice":
            text = "".join(run["text"] for run in result["drawn"])
            if language != "ru":  # Cyrillic comes from the system font, not checked as a run
                assert set(original.replace(" ", "").replace("\u200c", "")) <= set(text), (name, original)


@pytest.mark.parametrize("language", sorted(WITHOUT_CATALOGUE))
def test_names_in_geez_print_with_served_fonts_when_the_language_has_no_catalogue(new_page, live_server, language):
    """Their prints are in Italian and English; the name in its own script comes out too."""
    seen = open_prints(new_page, live_server, "it", language)
    problems = [f"{name}: {p}" for name, result in seen.items() for p in result["problems"]]
    assert not problems, "\n".join(problems)
    original = live_server.print_people[language].original_name
    for name in ("access-slip", "appointment-slip"):
        drawn = "".join(run["text"] for run in seen[name]["drawn"])
        assert set(original.replace(" ", "").replace("\u200c", "")) <= set(drawn), (name, original, drawn)
        assert all(f["isCustomFont"] for run in seen[name]["drawn"] for f in run["fonts"])
