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

import json
import tempfile
from pathlib import Path

import pytest

from ..fontcheck import (
    SYSTEM_RANGES,
    glyph_problems,
    parse_ranges,
    served_faces,
    served_family_for,
    split_stack,
)
from .conftest import sign_in
from .pages import path_for
from .print_people import OPERATOR, WITHOUT_CATALOGUE, add_print_people
from .server import LiveServer, build_app, seed

pytestmark = pytest.mark.e2e

UI_LOCALES = ("it", "en", "fr", "es", "ar", "ur", "uk", "sq", "bn", "zh")
LATIN_SCRIPT = {"it", "en", "fr", "es", "uk", "sq"}
SHOTS = Path(tempfile.gettempdir()) / "sportello-print-fonts"

# Each rendered text node: its text, computed font stack and weight, and language. Options of
# a closed <select> have no box but their text is measured: they count too.
TEXT_RUNS_JS = """() => {
  const runs = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !node.data.trim() || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const option = el.tagName === 'OPTION';
    if (!option && range.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    runs.push({text: node.data, family: style.fontFamily, weight: parseInt(style.fontWeight, 10),
               lang: (el.closest('[lang]') || document.documentElement).getAttribute('lang'), option});
  }
  return runs;
}"""

# Splits rendered text nodes so that each stretch of characters needing a served font (no
# space, no Latin/Greek/Cyrillic, no common punctuation) is a node of its own, and keeps them in
# window.__servedRuns. Neighbouring text nodes of one element are shaped together, so nothing
# changes on the page; DevTools can then say which font drew each stretch.
SPLIT_RUNS_JS = """(systemRanges) => {
  const system = (ch) => /\\s/.test(ch)
    || systemRanges.some(([a, b]) => ch.codePointAt(0) >= a && ch.codePointAt(0) <= b);
  const neutral = (ch) => /[\\p{Cf}\\p{Mn}\\p{Me}]/u.test(ch);
  const nodes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const runs = [];
  for (let node of nodes) {
    const el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
    let index = 0, served = null, start = 0;
    const chars = [...node.data];
    const cut = [];
    for (const ch of chars) {
      const kind = neutral(ch) && served !== null ? served : !system(ch);
      if (kind !== served) { cut.push([start, kind]); served = kind; }
      start += ch.length;
    }
    // Split from the end so that the offsets stay right.
    const pieces = [];
    for (let i = cut.length - 1; i >= 0; i--) {
      const [offset, kind] = cut[i];
      const piece = offset > 0 ? node.splitText(offset) : node;
      pieces.unshift([piece, kind]);
    }
    for (const [piece, kind] of pieces) {
      const range = document.createRange();
      range.selectNodeContents(piece);
      if (!kind || range.getClientRects().length === 0) continue;
      const style = getComputedStyle(piece.parentElement);
      runs.push({node: piece, text: piece.data, family: style.fontFamily, weight: parseInt(style.fontWeight, 10),
                 lang: (piece.parentElement.closest('[lang]') || document.documentElement).getAttribute('lang')});
    }
  }
  window.__servedRuns = runs;
  return runs.map(({node, ...info}) => info);
}"""

LOADED_FACES_JS = """() => document.fonts.ready.then(() => [...document.fonts].map(
  f => ({family: f.family.replace(/^["']|["']$/g, ''), weight: f.weight, range: f.unicodeRange, status: f.status})))"""


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
        "access-slip": path_for(live_server, "people.slip", access_id=person.access_id),
        "appointment-slip": path_for(live_server, "cases.appointment_slip", appointment_id=person.appointment_id),
        "privacy-notice": path_for(live_server, "people.privacy_notice", person_id=person.person_id),
    }


def face_of(info):
    """The served face of a FontFace of document.fonts."""
    ranges = parse_ranges(info["range"])
    return next(f for f in served_faces() if f.family == info["family"] and f.ranges == ranges
                and str(f.weight) == str(info["weight"]))


def nearest_weight(wanted: int, weights: set[int]) -> int:
    """CSS font matching of a weight among the faces of a family."""
    if wanted in weights:
        return wanted
    if 400 <= wanted <= 500:
        order = sorted(w for w in weights if wanted < w <= 500) + sorted(
            (w for w in weights if w < wanted), reverse=True) + sorted(w for w in weights if w > 500)
    elif wanted < 400:
        order = sorted((w for w in weights if w < wanted), reverse=True) + sorted(w for w in weights if w > wanted)
    else:
        order = sorted(w for w in weights if w > wanted) + sorted((w for w in weights if w < wanted), reverse=True)
    return order[0]


def faces_needed(runs) -> set:
    """The faces the browser needs for these texts: for each character, the first family of
    the stack claiming it, at the nearest weight, every face of it claiming the character."""
    needed = set()
    for run in runs:
        stack = split_stack(run["family"])
        for char in set(run["text"]):
            family = served_family_for(char, stack)
            if family is None:
                continue
            claiming = [f for f in served_faces() if f.family == family and f.claims(ord(char))]
            weight = nearest_weight(run["weight"], {f.weight for f in claiming})
            needed.update(f for f in claiming if f.weight == weight)
    return needed


def coverage_problems(runs) -> list[str]:
    problems = []
    for run in runs:
        for problem in glyph_problems(run["text"], split_stack(run["family"])):
            problems.append(f"{problem} in {run['text'][:40]!r} ({run['lang']})")
    return sorted(set(problems))


def drawn_problems(page, cdp) -> tuple[list[str], list[dict]]:
    """Which font drew each stretch of served-script text (DevTools), against the served face
    the stack gives it."""
    runs = page.evaluate(SPLIT_RUNS_JS, [list(r) for r in SYSTEM_RANGES])
    cdp.send("DOM.getDocument", {"depth": 0})
    problems, drawn = [], []
    for index, run in enumerate(runs):
        handle = cdp.send("Runtime.evaluate", {"expression": f"window.__servedRuns[{index}].node"})
        node_id = cdp.send("DOM.requestNode", {"objectId": handle["result"]["objectId"]})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
        stack = split_stack(run["family"])
        families = {served_family_for(c, stack) for c in run["text"]} - {None}
        expected = {f.font_name for f in served_faces() if f.family in families}
        drawn.append({**run, "fonts": fonts})
        wrong = [f for f in fonts if not f["isCustomFont"] or f["familyName"] not in expected]
        if not fonts or wrong:
            problems.append(f"{run['text'][:40]!r} ({run['lang']}) drawn by "
                            f"{[(f['familyName'], f['isCustomFont']) for f in fonts]}, expected {sorted(expected)}")
    return problems, drawn


def check_print(page, cdp, path: str, shot: str) -> dict:
    """Opens one print and checks it on screen and as printed; returns what was seen."""
    requested: list[str] = []
    listener = lambda request: requested.append(request.url) if "/static/fonts/" in request.url else None  # noqa: E731
    page.on("request", listener)
    page.emulate_media(media="screen")
    page.goto(path)
    seen = {"problems": [], "drawn": [], "runs": [], "loaded": set()}
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        loaded = page.evaluate(LOADED_FACES_JS)
        failed = [f for f in loaded if f["status"] == "error"]
        assert not failed, f"fonts that failed to load on {path}: {failed}"
        runs = page.evaluate(TEXT_RUNS_JS)
        seen["runs"] += runs
        seen["problems"] += [f"{media}: {p}" for p in coverage_problems(runs)]
        problems, drawn = drawn_problems(page, cdp)
        seen["problems"] += [f"{media}: {p}" for p in problems]
        seen["drawn"] += drawn
        in_use = {face_of(f) for f in page.evaluate(LOADED_FACES_JS) if f["status"] == "loaded"}
        seen["loaded"] |= {f.file for f in in_use}
        extra = in_use - faces_needed(seen["runs"])  # the screen's top bar counts in print too
        assert not extra, f"{path} ({media}) loaded fonts it does not need: {sorted(f.file for f in extra)}"
        shown = faces_needed([r for r in runs if not r["option"]])
        assert shown <= in_use, f"{path} ({media}) did not load {sorted(f.file for f in shown - in_use)}"
    page.screenshot(path=SHOTS / f"{shot}.png", full_page=True)
    page.remove_listener("request", listener)
    seen["requested"] = sorted({url.rsplit("/", 1)[-1].split("?")[0] for url in requested})
    report = {"requested": seen["requested"], "loaded": sorted(seen["loaded"]), "problems": seen["problems"],
              "drawn": [{"text": r["text"], "lang": r["lang"], "fonts": [(f["familyName"], f["isCustomFont"])
                                                                      for f in r["fonts"]]} for r in seen["drawn"]]}
    (SHOTS / f"{shot}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return seen


def open_prints(new_page, live_server, ui_locale: str, key: str) -> dict[str, dict]:
    SHOTS.mkdir(exist_ok=True)
    page = new_page(locale=ui_locale)
    sign_in(page, OPERATOR, ui_locale)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    person = live_server.print_people[key]
    return {name: check_print(page, cdp, path, f"{key}-{name}")
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
        if locale in ("ar", "bn") and name != "privacy-notice":
            assert person.original_name.split()[0] in {run["text"] for run in result["drawn"]}
    if locale == "zh":  # 琪 of the name is in the rarer file, which the slips therefore load
        assert "noto-sans-sc-400-rare.woff2" in seen["access-slip"]["loaded"]
        assert "noto-sans-sc-400-rare.woff2" not in seen["privacy-notice"]["loaded"]  # no 琪 there


@pytest.mark.parametrize("language", sorted(WITHOUT_CATALOGUE))
def test_names_in_geez_persian_pashto_and_gurmukhi_print_with_served_fonts(new_page, live_server, language):
    """Their prints are in Italian; the name in its own script comes out too."""
    seen = open_prints(new_page, live_server, "it", language)
    problems = [f"{name}: {p}" for name, result in seen.items() for p in result["problems"]]
    assert not problems, "\n".join(problems)
    original = live_server.print_people[language].original_name
    for name in ("access-slip", "appointment-slip"):
        drawn = "".join(run["text"] for run in seen[name]["drawn"])
        assert set(original.replace(" ", "").replace("\u200c", "")) <= set(drawn), (name, original, drawn)
        assert all(f["isCustomFont"] for run in seen[name]["drawn"] for f in run["fonts"])
