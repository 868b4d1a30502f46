"""What one observatory page, report or file publishes: the protected tables of a territory
(or the region) for a quarter, with the same quarter a year before; the territories side by
side (region); waiting times; and the long-format data for analysts (sqlite-utils)."""

import os
import tempfile
from dataclasses import dataclass, field

import sqlite_utils
from flask import current_app
from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import select

from .. import policy
from ..common.clock import today
from ..extensions import db
from ..models.sites import Site, Team
from ..supervision.figure_services import Cell, Column, Scope, Table, metrics, team_label
from ..vocab.codes import NEEDS, label
from . import cubes
from .disclosure import ALL
from .tables import change, page_tables, staff_training


@dataclass
class Content:
    territory: str
    name: str
    quarter: cubes.Quarter | None
    previous: cubes.Quarter | None
    tables: list[Table] = field(default_factory=list)


def territory_names() -> dict[str, str]:
    """Province code -> the territory's name, as the sites spell it."""
    names: dict[str, str] = {}
    for province, territory in db.session.execute(
            select(Site.province, Site.territory).order_by(Site.province, Site.id)):
        names.setdefault(province, territory)
    return names


def area_links(user) -> list[tuple[str, str]]:
    names = territory_names()
    return [("region", _("Region")) if p is None else (p, names.get(p, p))
            for p in policy.observable_provinces(user)]


def content(user, period: cubes.Period, territory: str) -> Content:
    name = _("Region") if territory == ALL else territory_names().get(territory, territory)
    day = today()
    quarter = cubes.quarter(user, period, day)
    previous = cubes.quarter(user, period.year_before(), day)
    result = Content(territory, name, quarter, previous)
    if quarter is None:
        return result
    result.tables = page_tables(quarter, previous, territory)
    if territory == ALL:
        result.tables.insert(0, by_territory(quarter, previous))
    result.tables.append(waiting_times(user, period, territory))
    result.tables.append(staff_training(quarter, territory, territory_names()))
    return result


def chart_rows(table: Table) -> list[tuple[str, float]]:
    """What a table's chart draws (on the page and in the PDF): one bar per shown category of
    its chart column, the total left out."""
    if table.chart_value is None:
        return []
    return [(row[0].text, float(row[table.chart_value].value)) for row in table.rows
            if row[0].code != ALL and row[table.chart_value].value is not None]


def by_territory(q: cubes.Quarter, prev: cubes.Quarter | None) -> Table:
    """Needs expressed per territory: the quarter against the same quarter a year before."""
    names = territory_names()
    columns = [Column("need", _("Need"))]
    for province in q.provinces:
        columns += [Column(province, names.get(province, province), True),
                    Column(f"{province}_change", _("Change (%)"), True)]
    table = Table("needs_by_territory", _("Needs expressed, by territory"), columns,
                  chart_value=None,
                  caption=_("× hidden to protect small numbers (fewer than 5 people)."))
    for code in q.cubes["needs_category"].axes[1].entries:
        cells = [Cell(label(NEEDS, code) if code != ALL else pgettext("observatory", "Total"), code=code)]
        for province in q.provinces:
            now = q.value("needs_category", (province, code, ALL))
            before = None
            if prev is not None and code in prev.cubes["needs_category"].axes[1].entries:
                before = prev.value("needs_category", (province, code, ALL))
            cells += [Cell(now), Cell(change(now, before))]
        table.add(*cells)
    return table


def waiting_times(user, period: cubes.Period, territory: str) -> Table:
    """Median days from referral to acceptance per team (the dashboard's median), shown only
    for a team with at least the minimum cell of referrals accepted in the quarter."""
    k = current_app.config.get("OBSERVATORY_MIN_CELL", 5)
    sites = db.session.execute(select(Site.id, Site.code, Site.province)).all()
    site_ids = tuple(sorted(s.id for s in sites if territory in (ALL, s.province)))
    table = Table("waiting_times", _("Waiting time to the first response (median days from "
                                     "referral to acceptance)"),
                  [Column("team", _("Team")), Column("days", _("Days (median)"), True)],
                  chart_value=1, caption=_("Shown for teams with at least 5 referrals "
                                           "accepted in the quarter."))
    observed = policy.observed_site_ids(user)
    if not site_ids or not set(site_ids) <= observed:
        return table
    scope = Scope(user=user, site_ids=site_ids, start=period.start, end=period.end,
                  today=today())
    medians = metrics.median_days(scope, "accepted")
    codes = {s.id: s.code for s in sites}
    teams = db.session.scalars(select(Team).where(Team.site_id.in_(site_ids))
                               .order_by(Team.site_id, Team.id))
    for team in teams:
        days, n = medians.get(team.id, (None, 0))
        table.add(Cell(team_label(team.kind, team.name, codes[team.site_id]), code=team.kind),
                  Cell(round(days, 1) if days is not None and n >= k else None))
    return table


def sqlite_bytes(content: Content, territory: str) -> bytes:
    """Every published cell the reader may see, one row each (hidden cells with no value),
    plus `report` (what, when, the threshold)."""
    handle, path = tempfile.mkstemp(suffix=".sqlite")
    os.close(handle)
    try:
        database = sqlite_utils.Database(path)
        q = content.quarter
        database["report"].insert_all([
            {"key": "territory", "value": "region" if territory == ALL else territory},
            {"key": "quarter", "value": str(q.period)},
            {"key": "min_cell", "value": str(current_app.config.get("OBSERVATORY_MIN_CELL", 5))},
            {"key": "rounding", "value": str(current_app.config.get("OBSERVATORY_ROUNDING"))},
        ], pk="key")
        rows = []
        for quarter in (q, content.previous):
            if quarter is None:
                continue
            for key, value in quarter.published.shown.items():
                if territory != ALL and key[1] != territory:
                    continue
                rows.append({"quarter": str(quarter.period), "figure": key[0],
                             "territory": "region" if key[1] == ALL else key[1],
                             "cell": "/".join(key[2:]), "count": value,
                             "hidden": int(value is None)})
        unique = {(r["quarter"], r["figure"], r["territory"], r["cell"]): r for r in rows}
        database["cells"].create({"quarter": str, "figure": str, "territory": str, "cell": str,
                                  "count": int, "hidden": int})
        database["cells"].insert_all(unique.values())
        database.close()
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)
