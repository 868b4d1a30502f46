"""The anonymised needs report for a territory's coordination group.

Counts only, no names, dates coarsened to the month. Every count under SMALL_CELL is shown as
"<5" (zero included, so that an empty cell and a small one look the same), and the report has
no totals, so no suppressed cell can be recomputed by subtraction. Each table counts a
different thing (need mentions, people, interpreted appointments, interpreters confirmed
for them, referrals to outside services), so no total is implied by another table either.
Referrals to outside services are one table only, by kind of organisation, need and outcome
over the whole period: one partition with no margins, so no suppressed cell follows from the
others."""

import calendar
import os
import re
import tempfile
from dataclasses import replace
from datetime import date

import sqlite_utils
from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from ..extensions import db
from ..models.cases import Access, AccessNeed, Case
from ..models.directory import Organisation
from ..models.external_referrals import ExternalReferral
from ..models.people import Person
from ..models.plan import Appointment
from ..policy import accesses_of_sites
from ..vocab.codes import EXTERNAL_OUTCOMES, NEEDS, REFERRAL_REASONS, SERVICE_KINDS, label
from ..vocab.names import country_name, language_name
from .flows import interpreter_request_counts, with_interpreter_requests
from .scope import Scope
from .sqlfuncs import month_of
from .tables import Cell, Column, Table

SMALL_CELL = 5
SUPPRESSED = f"<{SMALL_CELL}"
# `breakdown`: the column of a table that is not counted by month (an outcome, for example).
LONG_COLUMNS = {"territory": str, "category": str, "category_label": str, "period": str,
                "breakdown": str, "count": int, "shown": str}
MONTH = re.compile(r"\d{4}-\d{2}")


def shown(count: int):
    return count if count >= SMALL_CELL else SUPPRESSED


def territories(user) -> list[str]:
    return sorted({site.territory for site in user.sites})


def territory_scope(scope: Scope, territory: str) -> Scope | None:
    """The user's sites in the territory, over whole months covering the period."""
    site_ids = tuple(sorted(s.id for s in scope.user.sites if s.territory == territory))
    if not site_ids:
        return None
    last = calendar.monthrange(scope.end.year, scope.end.month)[1]
    return replace(scope, site_ids=site_ids, start=scope.start.replace(day=1),
                   end=scope.end.replace(day=last))


def months(scope: Scope) -> list[str]:
    result, day = [], scope.start
    while day <= scope.end:
        result.append(f"{day.year:04d}-{day.month:02d}")
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return result


def _accesses(scope: Scope):
    return and_(accesses_of_sites(scope.user, scope.site_ids),
                scope.in_period(Access.occurred_at))


def need_counts(scope: Scope) -> dict[tuple[str, str], int]:
    month = month_of(Access.occurred_at)
    query = (
        select(AccessNeed.need, month, func.count())
        .join(Access, AccessNeed.access_id == Access.id)
        .where(_accesses(scope))
        .group_by(AccessNeed.need, month)
    )
    return {(need, m): n for need, m, n in db.session.execute(query)}


def people_by_nationality(scope: Scope) -> list[tuple[str | None, int]]:
    query = (
        select(Person.nationality, func.count(func.distinct(Person.id)))
        .join(Access, Access.person_id == Person.id)
        .where(_accesses(scope))
        .group_by(Person.nationality)
        .order_by(Person.nationality)
    )
    return [tuple(row) for row in db.session.execute(query)]


def interpreter_counts(scope: Scope) -> tuple[dict, dict]:
    """(appointments with an interpreter, interpreters confirmed) per (language, month).

    Requests declined are not published: with the two others they would come close to a
    partition of the appointments, from which a suppressed cell could be worked out."""
    month = month_of(Appointment.starts_at)
    _requested, confirmed, _declined = interpreter_request_counts()
    query = (
        with_interpreter_requests(
            select(Appointment.interpreter_language, month, func.count(), confirmed)
            .join(Case, Appointment.case_id == Case.id))
        .where(scope.case_condition(), scope.in_period(Appointment.starts_at),
               Appointment.interpreter_language.is_not(None))
        .group_by(Appointment.interpreter_language, month)
    )
    appointments, confirmed_counts = {}, {}
    for lang, m, n, confirmed_n in db.session.execute(query):
        appointments[(lang, m)], confirmed_counts[(lang, m)] = n, confirmed_n
    return appointments, confirmed_counts


# An outside referral still waiting for its outcome (sent or acknowledged).
AWAITING = "awaiting"


def external_referral_counts(scope: Scope) -> dict[tuple[str, str, str], int]:
    """Referrals to outside services sent in the period from the cases the user may see at
    the territory's sites, per (organisation kind, reason, outcome or AWAITING)."""
    outcome = func.coalesce(ExternalReferral.outcome, AWAITING)
    query = (
        select(Organisation.kind, ExternalReferral.reason, outcome, func.count())
        .join(Organisation, Organisation.id == ExternalReferral.organisation_id)
        .join(Case, Case.id == ExternalReferral.case_id)
        .where(scope.case_condition(), scope.in_period(ExternalReferral.sent_at))
        .group_by(Organisation.kind, ExternalReferral.reason, outcome)
    )
    return {(kind, reason, result): n for kind, reason, result, n in db.session.execute(query)}


def external_referral_table(scope: Scope) -> Table:
    counts = external_referral_counts(scope)
    outcomes = [*EXTERNAL_OUTCOMES, AWAITING]
    table = Table(
        "external_referrals", _("Referrals to outside services, by kind, need and outcome"),
        [Column("kind", _("Kind of organisation")), Column("need", _("Need"))]
        + [Column(code, label(EXTERNAL_OUTCOMES, code) if code != AWAITING
                  else _("No outcome yet"), numeric=True) for code in outcomes],
        chart_value=None)
    for kind in SERVICE_KINDS:
        for reason in REFERRAL_REASONS:
            table.add(Cell(label(SERVICE_KINDS, kind), code=kind),
                      Cell(label(REFERRAL_REASONS, reason), code=reason),
                      *[Cell(shown(counts.get((kind, reason, code), 0))) for code in outcomes])
    return table


def _cross_table(key, title, heading, codes, name, counts, month_list) -> Table:
    table = Table(key, title, [Column(key, heading)]
                  + [Column(m, m, numeric=True) for m in month_list], chart_value=None)
    for code in codes:
        table.add(Cell(name(code), code=code),
                  *[Cell(shown(counts.get((code, m), 0))) for m in month_list])
    return table


def report_tables(scope: Scope) -> list[Table]:
    """The report for an already territory-wide scope (see territory_scope)."""
    month_list = months(scope)
    needs = _cross_table("needs_by_month", _("Needs expressed, by month"), _("Need"),
                         list(NEEDS), lambda c: label(NEEDS, c), need_counts(scope), month_list)
    interpreting, confirmed = interpreter_counts(scope)
    languages = sorted({lang for lang, _m in interpreting})
    interpreters = _cross_table(
        "interpreters_by_month", _("Appointments with an interpreter, by language and month"),
        _("Language"), languages, language_name, interpreting, month_list)
    interpreters_confirmed = _cross_table(
        "interpreters_confirmed_by_month",
        _("Interpreters confirmed by the mediation team, by language and month"),
        _("Language"), languages, language_name, confirmed, month_list)
    people = Table("people_by_nationality", _("People who came to the desk, by nationality"),
                   [Column("nationality", _("Nationality")),
                    Column("people", _("People"), numeric=True)], chart_value=None)
    for nationality, count in people_by_nationality(scope):
        people.add(Cell(country_name(nationality) if nationality else _("Not recorded"),
                        code=nationality or ""), Cell(shown(count)))
    return [needs, people, interpreters, interpreters_confirmed, external_referral_table(scope)]


def sqlite_bytes(scope: Scope, territory: str, tables: list[Table]) -> bytes:
    """An SQLite file for analysts: one long table per report table, plus `report`."""
    handle, path = tempfile.mkstemp(suffix=".sqlite")
    os.close(handle)
    try:
        database = sqlite_utils.Database(path)
        database["report"].insert_all([
            {"key": "territory", "value": territory},
            {"key": "first_month", "value": scope.start.strftime("%Y-%m")},
            {"key": "last_month", "value": scope.end.strftime("%Y-%m")},
            {"key": "small_cell_threshold", "value": str(SMALL_CELL)},
        ], pk="key")
        for table in tables:
            # Created first, so that a table with no rows is still there for the analyst.
            database[table.key].create(LONG_COLUMNS)
            database[table.key].insert_all(long_rows(table, territory))
        database.close()
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)


def long_rows(table: Table, territory: str):
    """The table as one row per published cell (the analysts' long format)."""
    for row in table.rows:
        labels = [(index, cell) for index, cell in enumerate(row)
                  if not table.columns[index].numeric]
        for index, cell in enumerate(row):
            column = table.columns[index]
            if not column.numeric:
                continue
            value = cell.value
            month = MONTH.fullmatch(column.key) is not None
            yield {
                "territory": territory,
                "category": ":".join(c.code or "" for _i, c in labels),
                "category_label": " · ".join(c.text for _i, c in labels),
                "period": column.key if month else "",
                "breakdown": "" if month or column.key == "people" else column.key,
                "count": value if isinstance(value, int) else None,
                "shown": str(value),
            }
