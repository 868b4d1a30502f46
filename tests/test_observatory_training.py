"""The staff training record on the observatory: per territory, how many staff members have
had a training in each stream and how many none in a required one; the figures equal a count
over the raw rows, small cells are hidden with their complements, and no name is shown."""

import re
import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from desk.extensions import db
from desk.models.training import Training
from desk.models.users import User
from desk.observatory import cubes
from desk.observatory.disclosure import ALL
from desk.observatory.figures import NO_PREFIX
from desk.policy import CONTENT_ROLES
from desk.vocab.training import REQUIRED_STREAMS, STREAMS

from .casework import build_world
from .test_observatory import recoverable

QUARTER = cubes.Period(2026, 1)  # the last quarter over at TEST_NOW (2026-06-17)


def _training(site, stream, held_on, attendees):
    training = Training(site_id=site.id, title=f"Course {stream}", stream=stream,
                        held_on=held_on, hours=Decimal("4"), provider="Regione")
    training.attendees = list(attendees)
    db.session.add(training)


@pytest.fixture
def trained(app, make, now):
    """Staff in three territories: many trained in Turin, a few in Cuneo and Asti, one who
    works in two territories, and those who must not count (inactive, admin, after the
    quarter)."""
    build_world(make)
    to, cn, at = make.site("TO"), make.site("CN"), make.site("AT")
    turin = [make.user(email=f"to{i}@example.test", sites=("TO",)) for i in range(12)]
    cuneo = [make.user(email=f"cn{i}@example.test", roles=("team",), sites=("CN",),
                       teams=("legal",)) for i in range(3)]
    asti = [make.user(email=f"at{i}@example.test", sites=("AT",)) for i in range(6)]
    both = make.user(email="both@example.test", sites=("TO", "AT"))
    gone = make.user(email="gone@example.test", sites=("TO",), active=False)
    admin = make.user(email="adm2@example.test", roles=("admin",), sites=("TO",))
    _training(to, "legal_administrative", date(2026, 2, 1), [*turin[:9], both, gone, admin])
    _training(to, "ethnopsychiatric", date(2026, 3, 1), [*turin[:2], both])
    _training(cn, "legal_administrative", date(2026, 1, 10), cuneo[:2])
    _training(at, "mediation_role", date(2025, 11, 5), [*asti, both])
    _training(at, "socio_anthropological", date(2026, 5, 5), asti)  # after the quarter
    db.session.commit()
    make.user(email="prov@example.test", roles=("coordinator",), sites=())
    db.session.scalar(select(User).where(User.email == "prov@example.test")) \
        .observatory_scope = "CN"
    db.session.commit()
    return [*turin, *cuneo, *asti, both, gone, admin]


def _coordinator():
    return db.session.scalar(select(User).where(User.email == "coordinator@example.test"))


def _brute_force() -> dict:
    """Distinct staff per province and column, counted straight from the ORM objects."""
    trainings = db.session.scalars(select(Training)).all()
    counts: dict = {}
    for user in db.session.scalars(select(User)):
        if not user.active or not any(user.has_role(r) for r in CONTENT_ROLES):
            continue
        had = {t.stream for t in trainings if t.held_on <= QUARTER.end
               and user.id in {a.id for a in t.attendees}}
        for province in {site.province for site in user.sites}:
            for column in [*[s for s in STREAMS if s in had],
                           *[NO_PREFIX + s for s in REQUIRED_STREAMS if s not in had]]:
                counts[(province, column)] = counts.get((province, column), 0) + 1
    return counts


def test_the_figures_equal_a_count_over_the_raw_rows(trained, today):
    q = cubes.quarter(_coordinator(), QUARTER, today)
    brute = _brute_force()
    assert brute[("TO", "legal_administrative")] >= 10  # Turin's 9, and the one in two places
    assert dict(q.cubes["staff_training"].counts) == brute
    for (province, column), n in brute.items():
        assert q.value("staff_training", (province, column)) in (None, n)


def test_small_cells_are_hidden_with_their_complements(trained, today):
    q = cubes.quarter(_coordinator(), QUARTER, today)
    cube = q.cubes["staff_training"]
    values = cube.values()
    shown = {key: q.published.shown[key] for key in values}
    assert any(v is None for v in shown.values())
    for key, value in shown.items():
        assert value is None or value == 0 or value >= 5, key
        if 0 < values[key] < 5:
            assert value is None, key
    # Cuneo's two in the legal stream are hidden, and so is a complement in that column.
    assert shown[("staff_training", "CN", "legal_administrative")] is None
    column = [shown[("staff_training", p, "legal_administrative")] for p in (*q.provinces, ALL)]
    assert column.count(None) >= 2
    assert recoverable(list(q.cubes.values()), q.published.shown) == set()


def test_the_region_page_shows_the_table_and_no_staff_name(trained, auth, client):
    auth.login("coordinator@example.test")
    for url in ("/observatory/region?year=2026&quarter=1",
                "/observatory/TO?year=2026&quarter=1",
                "/observatory/region/report?year=2026&quarter=1&lang=en"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert 'id="staff_training-title"' in body, url
        for user in trained:
            assert not re.search(rf"\b{user.name}\b", body) and user.email not in body, url


def test_the_table_is_in_the_downloads(trained, auth, client, tmp_path):
    auth.login("coordinator@example.test")
    data = client.get("/observatory/region/data.sqlite?year=2026&quarter=1")
    assert data.status_code == 200
    path = tmp_path / "o.sqlite"
    path.write_bytes(data.data)
    rows = sqlite3.connect(path).execute(
        "select territory, cell, count from cells where figure = 'staff_training'"
        " and quarter = '2026-Q1'").fetchall()
    assert ("TO", "legal_administrative", 10) in rows
    assert ("CN", "legal_administrative", None) in rows
    xlsx = client.get("/observatory/region/data.xlsx?year=2026&quarter=1&lang=en")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_a_provincial_coordinator_sees_only_her_territory_row(trained, auth, client):
    auth.login("prov@example.test")
    body = client.get("/observatory/CN?year=2026&quarter=1").get_data(as_text=True)
    assert 'id="staff_training-title"' in body
    assert body.count('<th scope="row"><bdi>', body.index('id="staff_training-title"')) == 1
    assert client.get("/observatory/TO?year=2026&quarter=1").status_code == 404


@pytest.mark.parametrize("role", ["desk", "supervisor", "admin"])
def test_other_roles_may_not_see_the_table(trained, auth, client, role):
    auth.login(f"{role}@example.test")
    assert client.get("/observatory/region?year=2026&quarter=1").status_code == 403
