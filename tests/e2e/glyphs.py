"""What fonts a page of the live app draws its text with, checked two ways: against the
served font files (tests/fontcheck.py) and as Chromium reports it (DevTools protocol)."""

import json
from pathlib import Path

from ..fontcheck import (
    SYSTEM_RANGES,
    glyph_problems,
    parse_ranges,
    served_faces,
    served_family_for,
    split_stack,
)

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


def check_media(page, cdp, path: str, media: str, seen: dict) -> None:
    page.emulate_media(media=media)
    failed = [f for f in page.evaluate(LOADED_FACES_JS) if f["status"] == "error"]
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


def check_print(page, cdp, path: str, shot: Path) -> dict:
    """Opens a print, checks it on screen and as printed, saves a screenshot (as printed) and
    what drew each text to `shot`.png/.json; returns what was seen: problems, drawn runs, the
    font files requested (network) and in use (document.fonts)."""
    requested: list[str] = []

    def note(request):
        if "/static/fonts/" in request.url:
            requested.append(request.url.rsplit("/", 1)[-1].split("?")[0])

    page.on("request", note)
    page.emulate_media(media="screen")
    page.goto(path)
    seen = {"problems": [], "drawn": [], "runs": [], "loaded": set()}
    for media in ("screen", "print"):
        check_media(page, cdp, path, media, seen)
    page.screenshot(path=shot.with_suffix(".png"), full_page=True)
    page.remove_listener("request", note)
    seen["requested"] = sorted(set(requested))
    drawn = [{"text": r["text"], "lang": r["lang"], "fonts": [(f["familyName"], f["isCustomFont"]) for f in r["fonts"]]}
             for r in seen["drawn"]]
    report = {"requested": seen["requested"], "loaded": sorted(seen["loaded"]), "problems": seen["problems"],
              "drawn": drawn}
    shot.with_suffix(".json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return seen
