"""What the browser tests check on every page: axe-core, labels, visible focus, overflow."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}
# axe-core's default rules, plus the touch-target size of WCAG 2.2 (24 px): the desk works
# on tablets too.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
_axe = Axe()

# Form controls a person fills in, with the name a screen reader would announce for them.
_UNLABELLED_FIELDS_JS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter(el => el.offsetParent !== null)
  .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby') && !el.title)
  .map(el => el.outerHTML.slice(0, 160))
"""

FOCUS_STYLE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {tag: el.outerHTML.slice(0, 120), visible: outline || shadow};
}
"""


def axe_problems(page) -> list[str]:
    """Serious and critical axe-core violations on the current page, one line per element."""
    results = _axe.run(page, options=AXE_OPTIONS)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            problems.append(
                f"{violation['id']} ({violation['impact']}) {', '.join(map(str, node['target']))}: "
                f"{node['html'][:160]}"
            )
    return problems


def unlabelled_fields(page) -> list[str]:
    return page.evaluate(_UNLABELLED_FIELDS_JS)


def focus_without_indicator(page, presses: int = 25) -> list[str]:
    """Tab through the page; the elements that receive focus without a visible indicator."""
    page.locator("body").focus()
    missing = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE_JS)
        if state and not state["visible"]:
            missing.append(state["tag"])
    return missing


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing sticks out)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def badges_without_text(page) -> list[str]:
    """Statuses are shown with colour *and* words: a badge must never be empty."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('.badge'))"
        ".filter(b => !b.textContent.trim()).map(b => b.outerHTML.slice(0, 120))"
    )


def assert_accessible(page) -> None:
    problems = axe_problems(page)
    assert not problems, f"axe-core on {page.url}:\n" + "\n".join(problems)
    fields = unlabelled_fields(page)
    assert not fields, f"form fields without a label on {page.url}: {fields}"
    badges = badges_without_text(page)
    assert not badges, f"status badges with colour only, no text, on {page.url}: {badges}"
