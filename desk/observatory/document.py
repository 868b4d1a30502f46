"""The report for the meeting as a PDF (A4 landscape, to print or to show on a screen): a title
page, then one section per published table with its bar chart. It lays out the protected
tables of publication.content() and nothing else: a hidden cell prints as ×, like the page.

Built with ReportLab's own fonts (Helvetica: Latin-1 and the Windows Western characters,
enough for Italian and English) and its vector graphics; nothing is fetched."""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as Grid

from ..common.i18n import format_datetime
from ..supervision.figure_services import Table
from .publication import Content, chart_rows

HIDDEN = "×"
PAGE = landscape(A4)
MARGIN = 1.5 * cm
BAR_COLOUR = colors.HexColor("#3b6ea5")
CELL_FONT, CELL_SIZE = "Helvetica", 8
ROW_HEIGHT, BAR_HEIGHT, LABEL_WIDTH, VALUE_WIDTH = 15, 10, 6 * cm, 1.6 * cm


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    number: ParagraphStyle
    caption: ParagraphStyle


def _styles() -> Styles:
    sheet = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=sheet["BodyText"], fontSize=8, leading=10)
    return Styles(
        title=ParagraphStyle("title", parent=sheet["Title"], fontSize=24, leading=30,
                             alignment=0, spaceAfter=12),
        subtitle=ParagraphStyle("subtitle", parent=sheet["Heading2"], fontSize=15, leading=20),
        body=ParagraphStyle("body", parent=sheet["BodyText"], fontSize=11, leading=15),
        heading=ParagraphStyle("heading", parent=sheet["Heading2"], fontSize=13, leading=16,
                               spaceBefore=6, spaceAfter=6),
        cell=cell,
        number=ParagraphStyle("number", parent=cell, alignment=2),
        caption=ParagraphStyle("caption", parent=sheet["BodyText"], fontSize=8, leading=10,
                               textColor=colors.HexColor("#444444"), spaceBefore=3),
    )


def _text(value: str) -> str:
    """Plain text as a Paragraph reads it (its own markup escaped)."""
    return escape(str(value))


def title_page(content: Content, generated: datetime, styles: Styles) -> list:
    period = content.quarter.period if content.quarter else None
    parts = [Spacer(1, 3 * cm),
             Paragraph(_text(_("Needs observatory")), styles.subtitle),
             Paragraph(_text(content.name), styles.title)]
    if period is not None:
        parts += [
            Paragraph(_text(_("Report for the coordination meeting: %(quarter)s against the "
                              "same quarter a year before.", quarter=str(period))),
                      styles.subtitle),
            Paragraph(_text(_("Period: %(quarter)s. Compared with: %(before)s.",
                              quarter=str(period), before=str(period.year_before()))),
                      styles.body)]
    parts += [
        Spacer(1, 0.6 * cm),
        Paragraph(_text(_("Counts only, never a person. A number under 5, and any number from "
                          "which it could be worked out, is hidden (×).")), styles.body),
        Paragraph(_text(_("A hidden number is not zero: it stands for a few people, left out "
                          "so that nobody can be recognised.")), styles.body),
        Spacer(1, 0.6 * cm),
        Paragraph(_text(_("Generated on %(moment)s.",
                          moment=format_datetime(generated, "long", time="short"))),
                  styles.body),
    ]
    return parts


def chart(table: Table, width: float) -> Drawing | None:
    """Horizontal bars, one per category of the table's chart column (what the page draws)."""
    rows = chart_rows(table)
    if not rows or max(value for _label, value in rows) <= 0:
        return None
    top = max(value for _label, value in rows)
    span = width - LABEL_WIDTH - VALUE_WIDTH
    drawing = Drawing(width, ROW_HEIGHT * len(rows) + 4)
    for index, (label, value) in enumerate(rows):
        y = drawing.height - (index + 1) * ROW_HEIGHT
        short = label if len(label) <= 40 else label[:39] + "…"
        drawing.add(String(0, y + 3, short, fontName=CELL_FONT, fontSize=CELL_SIZE))
        length = span * value / top
        drawing.add(Rect(LABEL_WIDTH, y, length, BAR_HEIGHT, fillColor=BAR_COLOUR,
                         strokeColor=None))
        number = f"{value:.1f}" if value != int(value) else str(int(value))
        drawing.add(String(LABEL_WIDTH + length + 4, y + 2, number, fontName=CELL_FONT,
                           fontSize=CELL_SIZE))
    return drawing


def grid(table: Table, width: float, styles: Styles) -> Grid:
    """The table: headers wrap (Paragraph); cells are plain strings, much quicker to lay out,
    except a label too long for its column."""
    header = [Paragraph(_text(c.title), styles.number if c.numeric else styles.cell)
              for c in table.columns]
    first = min(6 * cm, width * 0.3) if len(table.columns) > 1 else width
    rest = (width - first) / max(1, len(table.columns) - 1)
    body = []
    for row in table.rows:
        label = row[0].text
        if stringWidth(label, CELL_FONT, CELL_SIZE) > first - 8:
            label = Paragraph(_text(label), styles.cell)
        body.append([label, *[HIDDEN if cell.value is None else cell.text for cell in row[1:]]])
    if not body:
        body = [[_("Nothing to show.")] + [""] * (len(table.columns) - 1)]
    layout = Grid([header, *body], colWidths=[first] + [rest] * (len(table.columns) - 1),
                  repeatRows=1)
    layout.setStyle(TableStyle([
        ("FONT", (0, 1), (-1, -1), CELL_FONT, CELL_SIZE),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return layout


def section(table: Table, width: float, styles: Styles) -> list:
    """The table's title, chart, table and note, kept on one page where they fit (a longer
    table goes on over the next, its header repeated)."""
    drawing = chart(table, width)
    parts = [Paragraph(_text(table.title), styles.heading)]
    if drawing is not None:
        parts += [drawing, Spacer(1, 0.3 * cm)]
    parts += [grid(table, width, styles), Paragraph(_text(table.caption or ""), styles.caption)]
    return [CondPageBreak(6 * cm), KeepTogether(parts), Spacer(1, 0.6 * cm)]


def pdf_bytes(content: Content, generated: datetime, lang: str) -> bytes:
    """The whole document, in the locale the caller has forced (Italian or English)."""
    styles = _styles()
    buffer = BytesIO()
    title = f"{_('Needs observatory')} — {content.name}"
    if content.quarter is not None:
        title += f" — {content.quarter.period}"
    document = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN, title=title,
                                 author=_("Needs observatory"), lang=lang)
    width = PAGE[0] - 2 * MARGIN
    story = title_page(content, generated, styles)
    if content.tables:
        story.append(PageBreak())
    for table in content.tables:
        story += section(table, width, styles)

    def number_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"{title} · {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=number_page, onLaterPages=number_page)
    return buffer.getvalue()
