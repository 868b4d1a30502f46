"""The observatory's figures for one calendar quarter, as cubes over the whole region,
protected together (observatory.disclosure).

A quarter is the unit of publication: three months and their total, per province and for the
region; nothing published spans two quarters, and a quarter is published only once it is over,
so its numbers (and so its suppression pattern) no longer move with each new access.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from .. import policy
from ..extensions import cache, db
from ..models.sites import Site
from ..supervision.figure_services import Scope
from ..vocab.codes import CHANNELS, EXTERNAL_OUTCOMES, NEEDS, SERVICE_KINDS, TEAM_KINDS
from . import figures
from .disclosure import ALL, Axis, Cube, Published, protect, total_axis

# Nationalities and languages with fewer mentions than this over the region's quarter are
# counted together as "other" (and so are those not recorded).
GROUP_BELOW = 10
OTHER = "other"
NOT_RECORDED = "none"
NEEDS_FAMILY = "needs"
_CACHE: dict[tuple, Published] = {}
_CACHE_SIZE = 32


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        month = 3 * self.quarter
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(f"{self.year:04d}-{m:02d}" for m in range(3 * self.quarter - 2,
                                                              3 * self.quarter + 1))

    def year_before(self) -> "Period":
        return Period(self.year - 1, self.quarter)

    def is_over(self, today: date) -> bool:
        return self.end < today

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"


def last_complete(today: date) -> Period:
    quarter = (today.month - 1) // 3 + 1
    return Period(today.year, quarter - 1) if quarter > 1 else Period(today.year - 1, 4)


@dataclass
class Quarter:
    period: Period
    provinces: tuple[str, ...]
    cubes: dict[str, Cube]
    published: Published

    def value(self, name: str, coords: tuple) -> int | None:
        return self.published.get(self.cubes[name], coords)


def _provinces() -> dict[int, str]:
    return dict(db.session.execute(select(Site.id, Site.province)).all())


def _grouped(rows, position: int) -> list[tuple]:
    """Codes at `position` with fewer than GROUP_BELOW in the whole region become OTHER; a
    missing code becomes NOT_RECORDED, itself grouped when small."""
    totals: dict = {}
    rows = [tuple(NOT_RECORDED if (i == position and v is None) else v
                  for i, v in enumerate(row)) for row in rows]
    for row in rows:
        totals[row[position]] = totals.get(row[position], 0) + row[-1]
    small = {code for code, n in totals.items() if n < GROUP_BELOW}
    return [row[:position] + (OTHER,) + row[position + 1:] if row[position] in small else row
            for row in rows]


def _cube(name, provinces, months, rows, site_province, middle_axes, shared=None,
          month_axis=None) -> Cube:
    """`rows`: (site, code per middle axis..., month, count)."""
    counts: dict[tuple, int] = {}
    for row in rows:
        site, *codes, month, n = row
        key = (site_province[site], *codes, month)
        counts[key] = counts.get(key, 0) + int(n)
    axes = (total_axis("territory", provinces), *middle_axes,
            month_axis or total_axis("month", months))
    return Cube(name, axes, counts, shared=shared)


def _codes(rows, position: int, first=()) -> tuple[str, ...]:
    seen = {row[position] for row in rows}
    return tuple(first) + tuple(sorted(c for c in seen if c not in first))


def build(scope: Scope, period: Period, k: int, rounding: int | None) -> Quarter:
    site_province = _provinces()
    provinces = tuple(sorted(set(site_province.values())))
    months = period.months
    cubes = []

    def by_code(name, rows, axis_name, first=(), shared=None):
        cubes.append(_cube(name, provinces, months, rows, site_province,
                           (total_axis(axis_name, _codes(rows, 1, first)),), shared=shared))

    by_code("accesses", figures.tally(scope, "channel"), "channel", tuple(CHANNELS))
    shared = (1, NEEDS_FAMILY)
    by_code("needs_category", figures.tally(scope, "need"), "need", tuple(NEEDS), shared)
    by_code("needs_nationality", _grouped(figures.tally(scope, "nationality"), 1),
            "nationality", shared=shared)
    by_code("needs_language", _grouped(figures.tally(scope, "language"), 1), "language",
            shared=shared)
    by_code("unmet_needs", figures.unmet_needs(scope), "need", tuple(NEEDS))
    by_code("permits", figures.permits_by_month(scope), "documents", ("documents",))

    cubes.append(_people_cube(scope, provinces, months))
    interpreters = _grouped(figures.interpreter_requests(scope), 1)
    cubes.append(_cube("interpreters", provinces, months, interpreters, site_province, (
        total_axis("language", _codes(interpreters, 1)),
        total_axis("state", ("served", "unmet")))))
    referrals = figures.referrals(scope)
    cubes.append(_cube("referrals", provinces, months, referrals, site_province, (
        total_axis("team", _codes(referrals, 1, tuple(TEAM_KINDS))),
        total_axis("state", ("completed", "not_competent", "declined", figures.OPEN)))))
    external = figures.external_referrals(scope)
    cubes.append(_cube("external", provinces, months, external, site_province, (
        total_axis("kind", _codes(external, 1, tuple(SERVICE_KINDS))),
        total_axis("outcome", (*EXTERNAL_OUTCOMES, figures.OPEN)))))
    cubes.append(_staff_training_cube(scope, provinces))
    return Quarter(period, provinces, {c.name: c for c in cubes}, _protected(cubes, k, rounding))


def _staff_training_cube(scope: Scope, provinces) -> Cube:
    """Staff members trained per stream (and without a required stream), per province; the
    region is the sum of its territories (one working in two territories counts in each).
    The columns overlap (one member in several), so they have no total."""
    counts = {(province, column): n for province, column, n in figures.staff_training(scope)}
    return Cube("staff_training", (total_axis("territory", provinces),
                                   Axis("training", figures.staff_training_columns())), counts)


def _people_cube(scope: Scope, provinces, months) -> Cube:
    """People who came: distinct per month and over the quarter (the quarter is not the sum
    of its months, so the month axis has no total), per province and for the region."""
    counts = {(province, "people", month or ALL): n
              for province, month, n in figures.people(scope)}
    return Cube("people", (total_axis("territory", provinces), Axis("people", ("people",)),
                           Axis("month", (*months, ALL))), counts)


def _protected(cubes: list[Cube], k: int, rounding: int | None) -> Published:
    """protect(), remembered for the same counts (a quarter that is over rarely changes)."""
    fingerprint = (k, rounding, tuple((c.name, tuple(sorted(c.counts.items()))) for c in cubes))
    cached = _CACHE.get(fingerprint)
    if cached is None:
        cached = protect(cubes, k=k, rounding=rounding)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[fingerprint] = cached
    return cached


def quarter(user, period: Period, today: date) -> Quarter | None:
    """The protected figures of a quarter that is over (None for one not over yet), counted
    over every site of the region, read as `user` (a coordinator: policy.observed_site_ids).

    Counted once per OBSERVATORY_CACHE_SECONDS for everyone (the same sites give every
    coordinator the same figures): a quarter that is over changes only when a late entry or a
    correction reaches it, and every reader, page and file then shows the same numbers."""
    if not period.is_over(today):
        return None
    site_ids = tuple(sorted(policy.observed_site_ids(user)))
    if not site_ids:
        return None
    k = current_app.config.get("OBSERVATORY_MIN_CELL", 5)
    rounding = current_app.config.get("OBSERVATORY_ROUNDING")
    key = f"observatory-quarter/{period}/{today}/{k}/{rounding}/{','.join(map(str, site_ids))}"
    found = cache.get(key)
    if found is None:
        scope = Scope(user=user, site_ids=site_ids, start=period.start, end=period.end,
                      today=today)
        found = build(scope, period, k, rounding)
        cache.set(key, found, timeout=current_app.config["OBSERVATORY_CACHE_SECONDS"])
    return found
