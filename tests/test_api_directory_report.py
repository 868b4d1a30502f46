"""The service directory and the territory's anonymised report through the API: the pages'
rules (the directory of the provinces of one's sites; the report for supervisors, of their
own territories, audited), filters checked field by field, small cells never shown."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.extensions import db
from desk.models.audit import AuditLog

from .apiwork import callers
from .casework import build_world
from .network_world import THU, add_service

ROLES = ("desk", "mediator", "social", "legal", "health", "supervisor", "admin", "other",
         "partner")


@pytest.fixture
def world(make):
    world = build_world(make)
    world.ids["shelter"] = add_service("TO", "Casa del Ponte", "third_sector",
                                       "Accoglienza notturna", ["housing"], ["ar", "it"],
                                       [(THU, (9, 0), (12, 0))]).id
    world.ids["clinic"] = add_service("TO", "ASL Città di Torino", "public", "Ambulatorio ISI",
                                      ["health"], ["it"], [(0, (8, 30), (12, 30))]).id
    world.ids["cuneo"] = add_service("CN", "Casa di Cuneo", "third_sector", "Accoglienza",
                                     ["housing"]).id
    return world


@pytest.fixture
def api(client, world):
    return callers(client, world, scope="read")


def _names(response):
    assert response.status_code == 200, response.json
    return [s["name"] for s in response.json["results"]]


def test_the_directory_is_the_provinces_own(world, api):
    for role in ROLES:
        expected = 403 if role == "partner" else 200
        assert api[role].get("/services").status_code == expected, role
    assert _names(api["desk"].get("/services")) == ["Ambulatorio ISI", "Accoglienza notturna"]
    assert _names(api["other"].get("/services")) == ["Accoglienza"]  # Cuneo's supervisor


def test_one_service_is_read_within_the_province(world, api):
    path = f"/services/{world.ids['shelter']}"
    for role in ROLES:
        expected = 404 if role in ("other", "partner") else 200
        assert api[role].get(path).status_code == expected, role
    body = api["legal"].get(path).json
    assert body["organisation"]["name"] == "Casa del Ponte"
    assert body["openings"] == [{"weekday": THU, "opens": "09:00", "closes": "12:00"}]
    assert body["needs"] == ["housing"] and body["languages"] == ["ar", "it"]
    assert api["legal"].get(path).headers["ETag"]


def test_the_directory_filters_as_the_page_does(world, api):
    assert _names(api["desk"].get("/services?need=health")) == ["Ambulatorio ISI"]
    assert _names(api["desk"].get("/services?language=ar")) == ["Accoglienza notturna"]
    assert _names(api["desk"].get(f"/services?day={THU}")) == ["Accoglienza notturna"]
    assert _names(api["desk"].get("/services?kind=public")) == ["Ambulatorio ISI"]
    assert _names(api["desk"].get("/services?q=ponte")) == ["Accoglienza notturna"]
    for bad in ("need=astrology", "kind=secret", "language=xx-nope", "day=9"):
        response = api["desk"].get(f"/services?{bad}")
        assert response.status_code == 400, bad
        assert response.json["errors"][bad.split("=")[0]]


def _record_accesses(make, world, now, count, nationality="SY"):
    from desk.models.cases import Access, AccessNeed

    for n in range(count):
        person = make.person(site=world.site, given=f"P{n}", family="Report",
                             nationality=nationality)
        access = Access(person_id=person.id, site_id=world.site.id, channel="walk_in",
                        operator_id=world.users["desk"].id, urgency="normal",
                        occurred_at=now - timedelta(days=1))
        access.need_rows = [AccessNeed(need="housing")]
        db.session.add(access)
    db.session.commit()


def test_the_territory_report_is_for_supervisors_of_the_territory(make, world, api):
    path = f"/territories/{world.site.territory}/needs-report"
    for role in ROLES:
        expected = 200 if role == "supervisor" else 404 if role == "other" else 403
        assert api[role].get(path).status_code == expected, role
    row = db.session.scalar(select(AuditLog).where(AuditLog.object_type == "anonymised_report"))
    assert row.user_id == world.users["supervisor"].id
    assert row.detail["territory"] == world.site.territory


def test_the_report_never_shows_a_small_cell(make, world, api, now):
    _record_accesses(make, world, now, 6, nationality="SY")
    _record_accesses(make, world, now, 2, nationality="UA")
    body = api["supervisor"].get(f"/territories/{world.site.territory}/needs-report").json
    assert body["small_cell_threshold"] == 5
    tables = {t["key"]: t["cells"] for t in body["tables"]}
    people = {c["category"]: c for c in tables["people_by_nationality"]}
    assert people["SY"]["count"] >= 6 and people["SY"]["shown"] == str(people["SY"]["count"])
    assert people["UA"] == {**people["UA"], "count": None, "shown": "<5"}
    for cells in tables.values():
        for cell in cells:
            assert cell["count"] is None or cell["count"] >= 5


def test_the_report_period_is_checked(world, api):
    path = f"/territories/{world.site.territory}/needs-report"
    assert api["supervisor"].get(path + "?start=2026-05-01&end=2026-04-01").status_code == 400
    assert api["supervisor"].get(path + "?start=2026-99-01").status_code == 400
    assert api["supervisor"].get(path + "?start=2026-01-01&end=2026-03-31").status_code == 200
