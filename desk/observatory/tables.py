"""The observatory's tables for one territory (or the region) and one quarter, with the same
quarter a year before: only protected values (a hidden cell is None, shown as ×)."""

from flask_babel import gettext as _
from flask_babel import pgettext

from ..supervision.figure_services import Cell, Column, Table
from ..vocab.codes import CHANNELS, EXTERNAL_OUTCOMES, NEEDS, SERVICE_KINDS, TEAM_KINDS, label
from ..vocab.names import country_name, language_name
from ..vocab.training import REQUIRED_STREAMS, STREAMS
from .cubes import NOT_RECORDED, OTHER, Quarter
from .disclosure import ALL
from .figures import NO_PREFIX


def _name(kind: str):
    vocabularies = {"channel": CHANNELS, "need": NEEDS, "team": TEAM_KINDS,
                    "kind": SERVICE_KINDS}

    def name(code: str) -> str:
        if code == ALL:
            return pgettext("observatory", "Total")
        if code == OTHER:
            return pgettext("observatory group", "Other (grouped)")
        if code == NOT_RECORDED:
            return _("Not recorded")
        if kind in vocabularies:
            return label(vocabularies[kind], code) or code
        if kind == "nationality":
            return country_name(code)
        if kind == "language":
            return language_name(code)
        if kind == "documents":
            return _("Residence documents")
        if kind == "people":
            return _("People")
        return code
    return name


def change(now, before) -> float | None:
    """Percentage change from `before` to `now`, when both are shown and `before` > 0."""
    if now is None or before is None or before == 0:
        return None
    return round(100.0 * (now - before) / before, 1)


def _month_label(month: str) -> str:
    return month


def by_month(q: Quarter, prev: Quarter | None, name: str, territory: str, title: str,
             heading: str) -> Table:
    """Rows: the categories and their total; columns: the three months, the quarter, the same
    quarter a year before and the change."""
    cube = q.cubes[name]
    category = cube.axes[1]
    months = q.period.months
    columns = [Column("category", heading), *[Column(m, _month_label(m), True) for m in months],
               Column("quarter", str(q.period), True),
               Column("year_before", str(q.period.year_before()), True),
               Column("change", _("Change (%)"), True)]
    table = Table(name, title, columns, chart_value=len(months) + 1,
                  caption=_("× hidden to protect small numbers (fewer than 5 people)."))
    named = _name(category.name)
    for code in category.entries:
        now = q.value(name, (territory, code, ALL))
        before = _before(prev, name, territory, code)
        table.add(Cell(named(code), code=code),
                  *[Cell(q.value(name, (territory, code, m))) for m in months],
                  Cell(now), Cell(before), Cell(change(now, before)))
    return table


def _before(prev: Quarter | None, name: str, territory: str, *codes) -> int | None:
    if prev is None:
        return None
    cube = prev.cubes[name]
    coords = (territory, *codes, ALL)
    if any(code not in axis.entries for code, axis in zip(coords, cube.axes, strict=True)):
        return None
    return prev.value(name, coords)


def by_state(q: Quarter, prev: Quarter | None, name: str, territory: str, title: str,
             heading: str, states: dict[str, str], total: str) -> Table:
    """Rows: the categories and their total; columns: each state over the quarter, all
    states, all states a year before, and the change."""
    cube = q.cubes[name]
    category, state_axis = cube.axes[1], cube.axes[2]
    columns = [Column("category", heading),
               *[Column(s, states.get(s, s), True) for s in state_axis.leaves],
               Column("quarter", total, True),
               Column("year_before", str(q.period.year_before()), True),
               Column("change", _("Change (%)"), True)]
    table = Table(name, title, columns, chart_value=len(state_axis.leaves) + 1,
                  caption=_("× hidden to protect small numbers (fewer than 5 people)."))
    named = _name(category.name)
    for code in category.entries:
        now = q.value(name, (territory, code, ALL, ALL))
        before = _before(prev, name, territory, code, ALL)
        table.add(Cell(named(code), code=code),
                  *[Cell(q.value(name, (territory, code, s, ALL))) for s in state_axis.leaves],
                  Cell(now), Cell(before), Cell(change(now, before)))
    return table


def staff_training(q: Quarter, territory: str, names: dict[str, str]) -> Table:
    """Rows: the territory (the region: every territory and their total); columns: staff
    members with at least one training in each stream, and with none in a required one."""
    cube = q.cubes["staff_training"]
    columns = [Column("territory", _("Territory")),
               *[Column(code, str(STREAMS[code]), True) for code in STREAMS],
               *[Column(NO_PREFIX + code, _("None in: %(stream)s", stream=str(STREAMS[code])),
                        True) for code in REQUIRED_STREAMS]]
    table = Table("staff_training", _("Staff training by stream"), columns, chart_value=None,
                  caption=_("Staff members with at least one training in each stream, held by "
                            "the end of the quarter; × hidden to protect small numbers (fewer "
                            "than 5 people)."))
    rows = (*q.provinces, ALL) if territory == ALL else (territory,)
    for province in rows:
        name = pgettext("observatory", "Total") if province == ALL else names.get(province,
                                                                                 province)
        table.add(Cell(name, code=province),
                  *[Cell(q.value("staff_training", (province, column)))
                    for column in cube.axes[1].leaves])
    return table


def page_tables(q: Quarter, prev: Quarter | None, territory: str) -> list[Table]:
    """`territory`: a province code, or ALL for the region."""
    return [
        by_month(q, prev, "accesses", territory, _("Accesses, by month and channel"),
                 _("Channel")),
        by_month(q, prev, "people", territory, _("People who came, by month"), _("People")),
        by_month(q, prev, "needs_category", territory, _("Needs expressed, by category"),
                 _("Need")),
        by_month(q, prev, "needs_nationality", territory, _("Needs expressed, by nationality"),
                 _("Nationality")),
        by_month(q, prev, "needs_language", territory, _("Needs expressed, by language"),
                 _("Language")),
        by_state(q, prev, "interpreters", territory,
                 _("Interpreter requests: served and unmet, by language"), _("Language"),
                 {"served": pgettext("interpreter requests", "Served"),
                  "unmet": pgettext("interpreter requests", "Unmet")},
                 pgettext("interpreter requests", "Requested")),
        by_state(q, prev, "referrals", territory, _("Referrals to the teams, by outcome"),
                 _("Team"), {"completed": pgettext("referral count", "Completed"),
                             "not_competent": _("Declined: not our competence"),
                             "declined": _("Declined for another reason"),
                             "open": pgettext("referral count", "Open")},
                 pgettext("referral count", "Made")),
        by_state(q, prev, "external", territory,
                 _("Referrals to outside services, by kind of organisation and outcome"),
                 _("Kind of organisation"),
                 {**{code: label(EXTERNAL_OUTCOMES, code) for code in EXTERNAL_OUTCOMES},
                  "open": _("No outcome yet")}, pgettext("external referral count", "Sent")),
        by_month(q, prev, "unmet_needs", territory,
                 _("Unmet needs: expressed at the desk, no referral followed"), _("Need")),
        by_month(q, prev, "permits", territory,
                 _("Residence documents expiring or expired, by month of expiry"),
                 _("Documents")),
    ]
