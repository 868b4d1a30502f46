"""CSV and XLSX files from tables. Exports never contain notes or other free text."""

import csv
import io
import re

from flask import Response
from flask_babel import gettext as _
from openpyxl import Workbook
from sqlalchemy.orm import selectinload

from ..cases.models import Case, Referral
from ..csvsafe import safe_row
from ..extensions import db
from ..vocab.codes import (
    CASE_OUTCOMES,
    CASE_STATUSES,
    DECLINE_REASONS,
    PRIORITIES,
    REFERRAL_OUTCOMES,
    REFERRAL_REASONS,
    REFERRAL_STATUSES,
    label,
)
from .dashboard import team_label
from .tables import Cell, Column, Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(tables: list[Table]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for number, table in enumerate(tables):
        if len(tables) > 1:
            if number:
                writer.writerow([])
            writer.writerow(safe_row([table.title]))
        writer.writerow(safe_row(table.flat_header()))
        writer.writerows([safe_row(row) for row in table.flat_rows()])
    return out.getvalue().encode("utf-8-sig")


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28].strip() or "Sheet"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:25]} {n}"
    used.add(name)
    return name


def xlsx_bytes(tables: list[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append(safe_row(table.flat_header()))
        for row in table.flat_rows():
            sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_response(tables: list[Table], fmt: str, name: str) -> Response:
    if fmt == "xlsx":
        body, mimetype = xlsx_bytes(tables), XLSX_TYPE
    else:
        body, mimetype = csv_bytes(tables), "text/csv; charset=utf-8"
    response = Response(body, mimetype=mimetype)
    return attachment(response, f"{name}.{fmt}")


def attachment(response: Response, filename: str) -> Response:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", filename)
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


def _day(value) -> str:
    return value.date().isoformat() if value is not None else ""


def _coded(vocabulary, code) -> Cell:
    return Cell(label(vocabulary, code), code=code or "")


def referral_table(query) -> Table:
    """Referral list: codes and labels, dates; no person names and no free text."""
    table = Table("referrals", _("Referrals"), [
        Column("case", _("Case")), Column("team", _("Team")), Column("status", _("Status")),
        Column("priority", _("Priority")), Column("reason", _("Reason")),
        Column("created", _("Referred on")), Column("due", _("Due date")),
        Column("assignee", _("Assigned to")), Column("accepted", _("Accepted on")),
        Column("decline_reason", _("Reason for declining")),
        Column("completed", _("Completed on")), Column("outcome", _("Outcome")),
    ], chart_value=None)
    options = (selectinload(Referral.case).selectinload(Case.site),
               selectinload(Referral.team), selectinload(Referral.assignee))
    for r in db.session.scalars(query.options(*options)):
        table.add(
            r.case.reference, Cell(team_label(r.team.kind, r.team.name), code=r.team.kind),
            _coded(REFERRAL_STATUSES, r.status), _coded(PRIORITIES, r.priority),
            _coded(REFERRAL_REASONS, r.reason), _day(r.created_at), r.due_date.isoformat(),
            r.assignee.name if r.assignee else "", _day(r.accepted_at),
            _coded(DECLINE_REASONS, r.decline_reason), _day(r.completed_at),
            _coded(REFERRAL_OUTCOMES, r.outcome),
        )
    return table


def case_table(query) -> Table:
    table = Table("cases", _("Cases"), [
        Column("case", _("Case")), Column("site", _("Site")), Column("status", _("Status")),
        Column("opened", _("Opened on")), Column("closed", _("Closed on")),
        Column("outcome", _("Outcome")), Column("manager", _("Case manager")),
    ], chart_value=None)
    options = (selectinload(Case.site), selectinload(Case.manager))
    for c in db.session.scalars(query.options(*options)):
        table.add(
            c.reference, Cell(c.site.name, code=c.site.code), _coded(CASE_STATUSES, c.status),
            _day(c.opened_at), _day(c.closed_at), _coded(CASE_OUTCOMES, c.closing_outcome),
            c.manager.name if c.manager else "",
        )
    return table
