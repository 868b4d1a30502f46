"""The referral and case lists as CSV and XLSX files, however long.

A desk's whole history runs to hundreds of thousands of referrals: the rows are read as plain
columns (no ORM objects), a thousand at a time, and a CSV file is streamed to the browser as
it is written, so a long export neither holds every row in memory nor meets the server's
request timeout. No person names and no free text are exported.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from flask import Response, stream_with_context
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from sqlalchemy import Select, func, select

from ..common.spreadsheet import safe_row, set_direction, sheet_title
from ..extensions import db
from ..models.cases import Case, Referral
from ..models.sites import Site, Team
from ..models.users import User
from ..vocab.codes import (
    CASE_OUTCOMES,
    CASE_STATUSES,
    DECLINE_REASONS,
    PRIORITIES,
    REFERRAL_OUTCOMES,
    REFERRAL_REASONS,
    REFERRAL_STATUSES,
    TEAM_KINDS,
    label,
)
from .dashboard import team_label
from .exports import XLSX_TYPE, attachment

BATCH = 1000


@dataclass
class ListExport:
    """What a list export writes: columns (title, vocabulary of a coded column or None), the
    lean statement and how one of its rows becomes cells."""

    title: str
    columns: list[tuple[str, dict | None]]
    statement: Select
    cells: Callable[[object], list]

    def header(self) -> list[str]:
        header = []
        for title, vocabulary in self.columns:
            if vocabulary is not None:
                header.append(_("%(column)s (code)", column=title))
            header.append(title)
        return header

    def rows(self) -> Iterator[list]:
        """Flat rows: a coded column gives its code, then its label in the reader's locale."""
        coded = [vocabulary for _title, vocabulary in self.columns]
        result = db.session.execute(self.statement.execution_options(yield_per=BATCH))
        for row in result:
            flat = []
            for vocabulary, value in zip(coded, self.cells(row), strict=True):
                if vocabulary is not None:
                    code, text = value
                    flat += [code or "", text if text is not None else label(vocabulary, code)]
                else:
                    flat.append(value)
            yield safe_row(flat)

    def count(self) -> int:
        return db.session.scalar(select(func.count()).select_from(
            self.statement.order_by(None).subquery()))


def _day(value) -> str:
    return value.date().isoformat() if value is not None else ""


def _reference(site_code: str, case_id: int) -> str:
    return f"{site_code}-{case_id:06d}"  # as Case.reference


def referral_export(query: Select) -> ListExport:
    """`query` selects Referral joined to Case (the drill-down's filters and order)."""
    statement = (
        query.with_only_columns(
            Site.code, Referral.case_id, Team.kind, Team.name, Referral.status, Referral.priority,
            Referral.reason, Referral.created_at, Referral.due_date, User.name,
            Referral.accepted_at, Referral.decline_reason, Referral.completed_at,
            Referral.outcome)
        .join(Site, Site.id == Case.site_id)
        .join(Team, Team.id == Referral.team_id)
        .outerjoin(User, User.id == Referral.assignee_id)
    )

    def cells(row) -> list:
        return [
            _reference(row[0], row[1]),
            (row[2], team_label(row[2], row[3])),
            (row[4], None), (row[5], None), (row[6], None),
            _day(row[7]), row[8].isoformat(), row[9] or "", _day(row[10]),
            (row[11], None), _day(row[12]), (row[13], None),
        ]

    return ListExport(_("Referrals"), [
        (_("Case"), None), (_("Team"), TEAM_KINDS), (_("Status"), REFERRAL_STATUSES),
        (_("Priority"), PRIORITIES), (_("Reason"), REFERRAL_REASONS), (_("Referred on"), None),
        (_("Due date"), None), (_("Assigned to"), None), (_("Accepted on"), None),
        (_("Reason for declining"), DECLINE_REASONS), (_("Completed on"), None),
        (_("Outcome"), REFERRAL_OUTCOMES),
    ], statement, cells)


def case_export(query: Select) -> ListExport:
    """`query` selects Case (the drill-down's filters and order)."""
    statement = (
        query.with_only_columns(Site.code, Case.id, Site.name, Case.status, Case.opened_at,
                                Case.closed_at, Case.closing_outcome, User.name)
        .join(Site, Site.id == Case.site_id)
        .outerjoin(User, User.id == Case.manager_id)
    )

    def cells(row) -> list:
        return [_reference(row[0], row[1]), (row[0], row[2]), (row[3], None), _day(row[4]),
                _day(row[5]), (row[6], None), row[7] or ""]

    return ListExport(_("Cases"), [
        (_("Case"), None), (_("Site"), {}), (_("Status"), CASE_STATUSES),
        (_("Opened on"), None), (_("Closed on"), None), (_("Outcome"), CASE_OUTCOMES),
        (_("Case manager"), None),
    ], statement, cells)


def _in_language(lang: str | None, produce: Callable[[], Iterator]) -> Iterator:
    if lang is None:
        yield from produce()
    else:
        with force_locale(lang):
            yield from produce()


def csv_response(export: ListExport, lang: str | None, filename: str) -> Response:
    """A CSV file (UTF-8 with BOM, for spreadsheets) streamed in batches of rows."""

    def produce():
        out = io.StringIO()
        writer = csv.writer(out)
        out.write("\ufeff")
        writer.writerow(safe_row(export.header()))
        for number, row in enumerate(export.rows(), 1):
            writer.writerow(row)
            if number % BATCH == 0:
                yield out.getvalue().encode("utf-8")
                out.seek(0)
                out.truncate()
        yield out.getvalue().encode("utf-8")

    response = Response(stream_with_context(_in_language(lang, produce)),
                        mimetype="text/csv; charset=utf-8")
    return attachment(response, filename)


def xlsx_response(export: ListExport, lang: str | None, filename: str) -> Response:
    """An XLSX workbook of one sheet, written in openpyxl's write-only (streaming) mode."""

    def produce():
        book = Workbook(write_only=True)
        sheet = book.create_sheet(sheet_title(export.title, set()))
        set_direction(sheet)
        sheet.append(safe_row(export.header()))
        for row in export.rows():
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        yield out.getvalue()

    body = b"".join(_in_language(lang, produce))
    return attachment(Response(body, mimetype=XLSX_TYPE), filename)
