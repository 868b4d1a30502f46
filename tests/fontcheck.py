"""The served fonts as a browser sees them: the @font-face rules of desk/static/css/fonts.css,
each face's characters read from its file (fontTools), and which face a font stack gives a
character. No system font is consulted: what this says holds on any PC."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

STATIC = Path(__file__).resolve().parent.parent / "desk" / "static"
FONTS_CSS = STATIC / "css" / "fonts.css"
APP_CSS = STATIC / "css" / "app.css"

# Left to the system's UI font: Latin (with the extensions of Romanian, Vietnamese, ...), Greek,
# Cyrillic and the common punctuation and symbols. Segoe UI and Arial (Windows), San Francisco
# and Helvetica (macOS), DejaVu, Liberation and Noto Sans (Linux), Roboto (Android) all cover
# them. Every other character must come from a font the app serves.
SYSTEM_RANGES = (
    (0x0000, 0x036F),  # Latin, Latin-1, Latin Extended-A/B, IPA, spacing and combining marks
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x22FF),  # punctuation, super/subscripts, currency, letterlike, numbers, arrows, maths
    (0x25A0, 0x25FF),  # geometric shapes
    (0xFB00, 0xFB06),  # Latin ligatures
)


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    file: str
    ranges: tuple[tuple[int, int], ...]

    def claims(self, code: int) -> bool:
        return any(low <= code <= high for low, high in self.ranges)

    @property
    def path(self) -> Path:
        return STATIC / "fonts" / self.file

    @property
    def characters(self) -> frozenset[int]:
        return _cmap(self.path)

    @property
    def font_name(self) -> str:
        """The family name in the file: what the browser's DevTools report as rendering."""
        return _font_name(self.path)


@lru_cache
def _cmap(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path).getBestCmap())


@lru_cache
def _font_name(path: Path) -> str:
    names = TTFont(path)["name"]
    return str(names.getDebugName(16) or names.getDebugName(1))


def parse_ranges(text: str) -> tuple[tuple[int, int], ...]:
    result = []
    for part in text.split(","):
        low, _, high = part.strip().removeprefix("U+").removeprefix("u+").partition("-")
        result.append((int(low, 16), int(high or low, 16)))
    return tuple(result)


@lru_cache(maxsize=1)
def served_faces() -> tuple[Face, ...]:
    faces = []
    for rule in re.findall(r"@font-face\s*{(.*?)}", FONTS_CSS.read_text(encoding="utf-8"), re.S):
        fields = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);", rule))
        faces.append(Face(
            family=fields["font-family"].strip().strip('"'),
            weight=int(fields.get("font-weight", "400")),
            file=re.search(r'url\("?\.\./fonts/([^")]+)"?\)', fields["src"]).group(1),
            ranges=parse_ranges(fields.get("unicode-range", "U+0-10FFFF")),
        ))
    return tuple(faces)


def served_families() -> set[str]:
    return {face.family for face in served_faces()}


def split_stack(font_family: str) -> list[str]:
    """A computed font-family value as the list of its names, unquoted."""
    return [name.strip().strip("\"'") for name in re.findall(r'"[^"]*"|\'[^\']*\'|[^,]+', font_family)]


def needs_served_font(char: str) -> bool:
    code = ord(char)
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
        return False
    return not any(low <= code <= high for low, high in SYSTEM_RANGES)


def served_family_for(char: str, stack: list[str]) -> str | None:
    """The first family of the stack that the browser tries for this character (a face of it
    claims the character in its unicode-range)."""
    code = ord(char)
    faces = served_faces()
    for family in stack:
        if any(face.family == family and face.claims(code) for face in faces):
            return family
    return None


def family_has(family: str, char: str, weight: int | None = None) -> bool:
    """Whether a face of the family that claims the character has its glyph (of every weight
    the family serves when `weight` is None: the browser may pick either)."""
    code = ord(char)
    claiming = [f for f in served_faces() if f.family == family and f.claims(code)
                and (weight is None or f.weight == weight)]
    weights = {f.weight for f in claiming}
    return bool(claiming) and all(
        any(code in f.characters for f in claiming if f.weight == w) for w in weights)


def glyph_problems(text: str, stack: list[str]) -> list[str]:
    """Each character of `text` that, with this font stack, no served font would draw: either no
    served family claims it (it would depend on the PC's fonts), or the family the browser picks
    for it lacks the glyph (it would fall back to another font, or show a box)."""
    problems = []
    for char in dict.fromkeys(text):
        if not needs_served_font(char):
            continue
        family = served_family_for(char, stack)
        if family is None:
            problems.append(f"U+{ord(char):04X} {char} ({unicodedata.name(char, '?')}): no served font")
        elif not family_has(family, char):
            problems.append(f"U+{ord(char):04X} {char} ({unicodedata.name(char, '?')}): not in {family}")
    return problems


def css_custom_properties(css: str) -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", css, re.S).group(1)
    return {name: " ".join(value.split()) for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root)}


def resolve_vars(value: str, properties: dict[str, str]) -> str:
    while "var(" in value:
        value = re.sub(r"var\((--[\w-]+)\)", lambda m: properties[m.group(1)], value)
    return value


def app_stack(selector: str) -> list[str]:
    """The font stack that app.css gives `selector` ("body", ":lang(ur)", ...)."""
    css = re.sub(r"/\*.*?\*/", "", APP_CSS.read_text(encoding="utf-8"), flags=re.S)
    properties = css_custom_properties(css)
    for selectors, body in re.findall(r"([^{}]+){([^{}]*)}", css):
        if selector in [s.strip() for s in selectors.split(",")]:
            found = re.search(r"font-family\s*:\s*([^;]+);", body)
            if found:
                return split_stack(resolve_vars(" ".join(found.group(1).split()), properties))
    raise LookupError(f"no font-family for {selector} in {APP_CSS}")
