"""The needs observatory: a coordinator sees protected figures only; the figures equal a count
over the raw rows; no hidden cell can be worked out from everything published; the report
renders in Italian and English; the region is the sum of its territories."""

import random
from collections import Counter
from fractions import Fraction
from itertools import product

import pytest
from sqlalchemy import select

from desk.extensions import db
from desk.models.cases import Access, AccessNeed
from desk.models.sites import Site
from desk.models.users import User
from desk.observatory import cubes
from desk.observatory.disclosure import ALL, Axis, Cube, protect, total_axis
from desk.sampledata.generate import generate

from .casework import build_world

QUARTER = cubes.Period(2026, 1)  # the last quarter over at TEST_NOW (2026-06-17)


@pytest.fixture
def region(app, make, now):
    """Generated desks in three provinces, a regional and a provincial coordinator."""
    build_world(make)
    generate(people=400, seed=11, site_codes=["TO", "CN", "AT"])
    db.session.commit()
    make.user(email="prov@example.test", roles=("coordinator",), sites=())
    user = db.session.scalar(select(User).where(User.email == "prov@example.test"))
    user.observatory_scope = "CN"
    db.session.commit()
    return {"region": "coordinator@example.test", "province": "prov@example.test"}


def _coordinator():
    return db.session.scalar(select(User).where(User.email == "coordinator@example.test"))


def _quarter(today, period=QUARTER):
    return cubes.quarter(_coordinator(), period, today)


# --- figures equal the raw rows ---------------------------------------------------------------


def test_needs_equal_a_count_over_the_raw_rows(region, today):
    q = _quarter(today)
    provinces = dict(db.session.execute(select(Site.id, Site.province)).all())
    brute = Counter()
    for access, need in db.session.execute(select(Access, AccessNeed.need).join(
            AccessNeed, AccessNeed.access_id == Access.id)):
        day = access.occurred_at.date()
        if QUARTER.start <= day <= QUARTER.end:
            brute[(provinces[access.site_id], need, f"{day:%Y-%m}")] += 1
    assert brute and dict(q.cubes["needs_category"].counts) == dict(brute)
    shown = q.published.shown
    for (province, need, month), n in brute.items():
        value = shown[("needs_category", province, need, month)]
        assert value in (None, n)


def test_accesses_equal_a_count_over_the_raw_rows(region, today):
    q = _quarter(today)
    provinces = dict(db.session.execute(select(Site.id, Site.province)).all())
    brute = Counter()
    for access in db.session.scalars(select(Access)):
        day = access.occurred_at.date()
        if QUARTER.start <= day <= QUARTER.end:
            brute[(provinces[access.site_id], access.channel, f"{day:%Y-%m}")] += 1
    assert dict(q.cubes["accesses"].counts) == dict(brute)


def test_regional_totals_are_the_sum_of_the_territories_where_shown(region, today):
    q = _quarter(today)
    checked = 0
    for name, cube in q.cubes.items():
        if not cube.axes[0].groups:
            continue
        for key, value in q.published.shown.items():
            if key[1] != ALL or value is None or key[0] not in (name, (cube.shared or (0, ""))[1]):
                continue
            parts = [q.published.shown.get((key[0], p, *key[2:])) for p in q.provinces]
            if None not in parts:
                assert value == sum(parts), key
                checked += 1
    assert checked > 20


def test_a_quarter_not_over_is_not_published(region, today):
    assert _quarter(today, cubes.Period(2026, 2)) is None


# --- the attacker ----------------------------------------------------------------------------


PRIME = 2**61 - 1  # ranks over a large prime field: the same as over the rationals for 0/±1
# relations this small (an extra dependency mod p would only make the attacker stronger)


def _reduce(row: dict, pivots: dict) -> dict:
    row = {k: int(v) % PRIME for k, v in row.items() if int(v) % PRIME}
    while row:
        col = min(row, key=repr)
        if col not in pivots:
            return row
        factor = row[col]
        for k, v in pivots[col].items():
            row[k] = (row.get(k, 0) - factor * v) % PRIME
        row = {k: v for k, v in row.items() if v}
    return row


def _echelon(rows: list[dict]) -> dict:
    """Row echelon form mod PRIME, pivot column -> row (written apart from
    disclosure.determined on purpose)."""
    pivots: dict = {}
    for original in rows:
        row = _reduce(original, pivots)
        if row:
            col = min(row, key=repr)
            inverse = pow(row[col], PRIME - 2, PRIME)
            pivots[col] = {k: v * inverse % PRIME for k, v in row.items()}
    return pivots


def _equations(cubes_, shown) -> list[dict]:
    """What the attacker writes down from the tables she sees: for every total (a region, a
    row or column total, a quarter), total minus its parts = 0, with every shown number
    moved to the known side; the hidden cells are the unknowns."""
    equations = []
    for cube in cubes_:
        for index, axis in enumerate(cube.axes):
            for group, members in axis.groups:
                others = [a.entries for a in cube.axes]
                others[index] = (None,)
                for coords in product(*others):
                    def key(entry, coords=coords, index=index, cube=cube):
                        return cube.key(coords[:index] + (entry,) + coords[index + 1:])
                    terms = {key(group): Fraction(1)}
                    for m in members:
                        terms[key(m)] = terms.get(key(m), 0) - 1
                    equations.append({k: v for k, v in terms.items() if shown[k] is None and v})
    return equations


def recoverable(cubes_, shown) -> set:
    """Hidden cells whose value follows from the equations: "x" is a combination of them
    (an independent check of disclosure.determined)."""
    pivots = _echelon([e for e in _equations(cubes_, shown) if e])
    hidden = {k for k, v in shown.items() if v is None}
    return {h for h in hidden if not _reduce({h: 1}, pivots)}


def test_the_attacker_recovers_no_hidden_cell_of_the_published_quarters(region, today):
    for period in (QUARTER, QUARTER.year_before()):
        q = _quarter(today, period)
        assert q.published.primary  # there are small cells to protect
        assert q.published.primary <= q.published.hidden
        assert recoverable(list(q.cubes.values()), q.published.shown) == set()


@pytest.mark.parametrize("seed", range(6))
def test_the_attacker_recovers_nothing_from_random_sparse_tables(seed):
    rng = random.Random(seed)
    territories = total_axis("territory", ["A", "B", "C", "D"])
    month = total_axis("month", ["m1", "m2", "m3"])
    cubes_ = []
    for name in ("category", "nationality"):
        axis = total_axis(name, [f"{name}{i}" for i in range(rng.randint(2, 6))])
        counts = {(t, c, m): rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 30])
                  for t in territories.leaves for c in axis.leaves for m in month.leaves}
        cubes_.append(Cube(name, (territories, axis, month), counts))
    state = total_axis("state", ["served", "unmet"])
    counts = {(t, "ur", s, m): rng.choice([0, 1, 2, 7]) for t in territories.leaves
              for s in state.leaves for m in month.leaves}
    cubes_.append(Cube("interpreters", (territories, Axis("language", ("ur",)), state, month),
                       counts))
    published = protect(cubes_)
    assert all(published.shown[k] is None for k in published.primary)
    assert recoverable(cubes_, published.shown) == set()


def test_shared_totals_are_protected_across_tables():
    """The needs by category and by nationality count the same mentions: their totals are one
    cell, hidden in both or shown in both."""
    territories = total_axis("territory", ["A", "B"])
    month = total_axis("month", ["m1", "m2"])
    need = total_axis("need", ["housing", "work"])
    nationality = total_axis("nationality", ["PK", "UA"])
    counts = {("A", "housing", "m1"): 3, ("A", "work", "m1"): 9, ("B", "housing", "m1"): 8,
              ("B", "work", "m1"): 8, ("A", "housing", "m2"): 7, ("A", "work", "m2"): 6,
              ("B", "housing", "m2"): 9, ("B", "work", "m2"): 5}
    by_nat = {("A", "PK", "m1"): 6, ("A", "UA", "m1"): 6, ("B", "PK", "m1"): 10,
              ("B", "UA", "m1"): 6, ("A", "PK", "m2"): 8, ("A", "UA", "m2"): 5,
              ("B", "PK", "m2"): 7, ("B", "UA", "m2"): 7}
    cubes_ = [Cube("need", (territories, need, month), counts, shared=(1, "needs")),
              Cube("nat", (territories, nationality, month), by_nat, shared=(1, "needs"))]
    published = protect(cubes_)
    assert published.shown[("need", "A", "housing", "m1")] is None
    assert recoverable(cubes_, published.shown) == set()


def test_rounding_by_configuration_rounds_what_is_shown():
    axis = total_axis("need", ["a", "b"])
    cube = Cube("n", (total_axis("territory", ["X"]), axis, total_axis("month", ["m"])),
                {("X", "a", "m"): 12, ("X", "b", "m"): 26})
    shown = protect([cube], rounding=5).shown
    assert shown[("n", "X", "a", "m")] == 10 and shown[("n", "X", "b", "m")] == 25


# --- pages, report, data ---------------------------------------------------------------------


def test_the_regional_coordinator_opens_the_region_and_every_territory(region, auth, client):
    auth.login(region["region"])
    assert client.get("/observatory/").status_code == 302
    page = client.get("/observatory/region?year=2026&quarter=1")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "<svg" in body and "×" in body
    for province in ("TO", "CN", "AT"):
        assert client.get(f"/observatory/{province}?year=2026&quarter=1").status_code == 200


def test_a_provincial_coordinator_opens_only_her_territory(region, auth, client):
    auth.login(region["province"])
    assert client.get("/observatory/CN?year=2026&quarter=1").status_code == 200
    assert client.get("/observatory/region").status_code == 404
    assert client.get("/observatory/TO").status_code == 404
    data = client.get("/observatory/CN/data.sqlite?year=2026&quarter=1")
    assert data.status_code == 200 and data.data[:15] == b"SQLite format 3"


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_report_renders_in_both_languages(region, auth, client, lang):
    auth.login(region["region"])
    response = client.get(f"/observatory/region/report?year=2026&quarter=1&lang={lang}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in body and "<svg" in body and "<table" in body
    xlsx = client.get(f"/observatory/region/data.xlsx?year=2026&quarter=1&lang={lang}")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_bad_period_input_is_refused_not_an_error(region, auth, client):
    auth.login(region["region"])
    for query in ("year=abc", "year=2026&quarter=3", "quarter=9", "year=1900"):
        assert client.get(f"/observatory/region?{query}").status_code == 422, query
    assert client.get("/observatory/region/report?lang=xx").status_code == 404


@pytest.mark.parametrize("role", ["desk", "supervisor", "admin", "partner", "legal"])
def test_other_roles_may_not_open_the_observatory(make, auth, client, role):
    build_world(make)
    auth.login(f"{role}@example.test")
    assert client.get("/observatory/region").status_code == 403


def test_the_coordinator_sees_no_personal_data_on_any_route(app, make, auth, client):
    """Walk every GET route as the coordinator: no answer shows a person's name, and every
    route of people, cases and team work refuses."""
    from .privacy_world import rich_person
    from .test_fuzz import _path, _routes, _valid_ids

    world = build_world(make)
    rich = rich_person(make, world.site, world.users, "coord", "Ottavia", "Visibile",
                       status="in_progress")
    valid = _valid_ids(world, rich)
    auth.login(world.email("coordinator"))
    names = ["Ottavia", "Visibile", "Yusuf", "Haddad"]
    shown = []
    for rule in _routes(app):
        if "GET" not in rule.methods or not all(a in valid for a in rule.arguments):
            continue
        url = _path(rule, {a: valid[a][0] for a in rule.arguments})
        response = client.get(url)
        body = response.get_data().decode("utf-8", "replace")
        if any(name in body for name in names):
            shown.append(url)
        if rule.endpoint.split(".")[0] in ("counter", "cases", "careplan", "teamwork",
                                            "supervision", "privacy") and \
                rule.endpoint != "supervision.static":
            assert response.status_code in (302, 403, 404), url
    assert shown == []
