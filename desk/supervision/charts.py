"""Horizontal bar charts as server-rendered SVG: no JavaScript, printable, mirrored for
right-to-left locales (coordinates are mirrored here; text anchors always read left-to-right,
whatever the page direction). The numbers are always in a table beside the chart; the SVG
itself is hidden from screen readers so they are not read twice."""

from markupsafe import Markup, escape

ROW_HEIGHT = 26
BAR_HEIGHT = 18
WIDTH = 520
LABEL_WIDTH = 200
VALUE_WIDTH = 50


def _number(value: float) -> str:
    return f"{value:.1f}" if value != int(value) else str(int(value))


def _shorten(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(rows: list[tuple[str, float]], rtl: bool = False) -> Markup:
    """One bar per (label, value). Returns '' when there is nothing to draw."""
    rows = [(text, value) for text, value in rows if value is not None]
    if not rows or max(value for _t, value in rows) <= 0:
        return Markup("")
    top = max(value for _t, value in rows)
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW_HEIGHT * len(rows) + 4
    parts = [
        f'<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" '
        f'focusable="false" direction="ltr" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet">'
    ]
    for index, (text, value) in enumerate(rows):
        y = index * ROW_HEIGHT + 2
        length = span * value / top
        text_y = y + BAR_HEIGHT - 4
        if rtl:
            bar_x = WIDTH - LABEL_WIDTH - length
            label_x, label_anchor = WIDTH - LABEL_WIDTH + 6, "start"
            value_x, value_anchor = bar_x - 4, "end"
        else:
            bar_x = LABEL_WIDTH
            label_x, label_anchor = LABEL_WIDTH - 6, "end"
            value_x, value_anchor = bar_x + length + 4, "start"
        parts.append(
            f'<text class="bar-label" x="{label_x:.1f}" y="{text_y}" '
            f'text-anchor="{label_anchor}">{escape(_shorten(text))}</text>'
            f'<rect class="bar" x="{bar_x:.1f}" y="{y}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}" rx="2"></rect>'
            f'<text class="bar-value" x="{value_x:.1f}" y="{text_y}" '
            f'text-anchor="{value_anchor}">{escape(_number(value))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
