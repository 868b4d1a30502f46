"""The training record as an XLSX workbook for the programme's reporting: coverage per site
and team, who lacks a required stream, and the trainings held (no personal data of the
people served)."""

import io

from openpyxl import Workbook

from ..common.i18n import format_date
from ..common.spreadsheet import safe_row
from ..vocab.codes import label
from ..vocab.training import STREAMS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def coverage_workbook(coverage, trainings, titles: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = titles["coverage"][:31]
    sheet.append(safe_row([titles["site"], titles["team"], titles["people"],
                           *[label(STREAMS, s) for s in STREAMS]]))
    for site in coverage:
        for group, team in [(site.whole, ""), *[(g, g.label) for g in site.teams]]:
            sheet.append(safe_row([site.site.name, team, len(group.members),
                                   *[group.trained[s] for s in STREAMS]]))
    missing = book.create_sheet(titles["missing"][:31])
    missing.append(safe_row([titles["site"], titles["person"], titles["streams"]]))
    for site in coverage:
        for member, gaps in site.missing:
            missing.append(safe_row([site.site.name, member.name,
                                     ", ".join(label(STREAMS, s) for s in gaps)]))
    held = book.create_sheet(titles["trainings"][:31])
    held.append(safe_row([titles["site"], titles["title"], titles["stream"], titles["date"],
                          titles["hours"], titles["provider"], titles["people"]]))
    for training in trainings:
        held.append(safe_row([training.site.name, training.title, label(STREAMS, training.stream),
                              format_date(training.held_on), float(training.hours),
                              training.provider, len(training.attendees)]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
