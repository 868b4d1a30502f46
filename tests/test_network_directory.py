"""The service directory: finding a service by need, language, day, kind and words; keeping
entries (validated, audited); what each role may see of it."""

from datetime import time

import pytest

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.directory import Service
from desk.network import validation
from desk.network.directory_queries import ServiceFilter, find_services

from .casework import build_world
from .network_world import THU, build_network


def names(services):
    return sorted(s.name for s in services)


def test_housing_shelters_of_the_territory_that_speak_arabic_and_open_on_thursday(make):
    w = build_world(make)
    n = build_network(make)
    found = find_services(w.users["desk"], ServiceFilter(
        needs=["housing"], language="ar", weekday=THU, kind="third_sector"))
    assert names(found) == [n.shelter.name]  # not Cuneo's, not the Italian-only dormitory


@pytest.mark.parametrize("wanted, expected", [
    (ServiceFilter(needs=["housing"]), ["Accoglienza notturna", "Posti letto"]),
    (ServiceFilter(kind="public"), ["Ambulatorio ISI"]),
    (ServiceFilter(weekday=THU, at=time(19, 0)), ["Posti letto"]),
    (ServiceFilter(weekday=5), []),
    (ServiceFilter(text="san luca"), ["Posti letto"]),
    (ServiceFilter(text="ASL"), ["Ambulatorio ISI"]),
    (ServiceFilter(language="fr"), ["Accoglienza notturna"]),
])
def test_each_filter_narrows_the_directory(make, wanted, expected):
    w = build_world(make)
    build_network(make)
    assert names(find_services(w.users["desk"], wanted)) == expected


def test_inactive_services_are_left_out_unless_asked(make):
    w = build_world(make)
    n = build_network(make)
    n.dormitory.active = False
    db.session.commit()
    assert "Posti letto" not in names(find_services(w.users["desk"], ServiceFilter()))
    assert "Posti letto" in names(find_services(w.users["desk"],
                                                ServiceFilter(include_inactive=True)))


def test_the_case_page_search_is_prefiltered_by_the_cases_needs(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    w.case.referrals[0].need_rows = []
    from desk.models.cases import ReferralNeed
    w.case.referrals[0].need_rows = [ReferralNeed(need="health")]
    db.session.commit()
    auth.login(w.email("desk"))
    page = client.get(f"/cases/{w.case.id}/services").get_data(as_text=True)
    assert n.clinic.name in page and n.shelter.name not in page
    page = client.get(f"/cases/{w.case.id}/services?searched=1").get_data(as_text=True)
    assert n.clinic.name in page and n.shelter.name in page


def test_now_means_the_desks_weekday_and_time(make, auth, client, clock):
    from datetime import datetime
    w = build_world(make)
    n = build_network(make)
    clock.set(datetime(2026, 6, 18, 8, 0))  # Thursday 10:00 in Rome
    auth.login(w.email("desk"))
    page = client.get("/network/services?day=now&searched=1").get_data(as_text=True)
    assert n.shelter.name in page and n.dormitory.name not in page


def test_a_service_not_verified_for_a_year_is_marked(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    stale = client.get(f"/network/services/{n.dormitory.id}").get_data(as_text=True)
    fresh = client.get(f"/network/services/{n.shelter.id}").get_data(as_text=True)
    assert 'class="badge stale"' in stale and 'class="badge stale"' not in fresh


def test_another_provinces_service_is_not_found(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    assert client.get(f"/network/services/{n.cuneo_shelter.id}").status_code == 404
    assert n.cuneo_shelter.organisation.name not in client.get("/network/services").get_data(as_text=True)


def _form(**changes):
    data = {"organisation": "Sportello Lavoro", "kind": "public", "name": "Orientamento",
            "needs": ["work"], "address": "Via Po 3, Torino", "access_mode": "appointment",
            "languages": ["it", "en"], "phone": "011 443 1234", "email": "lavoro@example.org",
            "website": "https://lavoro.example.org", "active": "y",
            "verified_on": "2026-05-01", "hours_0": "09:00-12:30, 14:00-16:00",
            "hours_3": "9.00-12.00"}
    data.update(changes)
    return data


def test_a_supervisor_adds_a_service_with_structured_hours_and_it_is_audited(make, auth,
                                                                             client):
    w = build_world(make)
    auth.login(w.email("supervisor"))
    response = client.post("/network/services/new", data=_form())
    assert response.status_code == 302, response.get_data(as_text=True)
    service = db.session.query(Service).one()
    assert [(o.weekday, o.opens, o.closes) for o in service.openings] == [
        (0, time(9), time(12, 30)), (0, time(14), time(16)), (THU, time(9), time(12))]
    assert service.phone == "+390114431234" and service.organisation.province == "TO"
    assert db.session.query(AuditLog).filter_by(object_type="service", action="create").count() == 1
    response = client.post(f"/network/services/{service.id}/edit",
                           data=_form(name="Orientamento al lavoro", version=service.version))
    assert response.status_code == 302
    assert db.session.query(AuditLog).filter_by(object_type="service", action="update").count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("hours_1", "14:00-12:00", "ends before it starts"),
    ("hours_1", "09:00-12:00, 11:00-13:00", "overlap"),
    ("hours_1", "morning", "09:00-12:30"),
    ("hours_1", "25:00-26:00", "not a time of day"),
    ("phone", "12ab", "not a valid phone number"),
    ("website", "ftp://example.org", "https://"),
    ("website", "javascript:alert(1)", "https://"),
    ("email", "nobody", "e-mail"),
    ("needs", [], "at least one need"),
])
def test_bad_input_is_refused_next_to_its_field(make, auth, client, field, value, message):
    w = build_world(make)
    make.user(email="en-super@example.test", roles=("supervisor",), locale="en")
    auth.login("en-super@example.test")
    response = client.post("/network/services/new", data=_form(**{field: value}))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.query(Service).count() == 0
    assert w  # the world exists; nothing was half-written


def test_an_empty_form_is_refused_with_its_messages_not_a_server_error(make, auth, client):
    build_world(make)
    make.user(email="en-super@example.test", roles=("supervisor",), locale="en")
    auth.login("en-super@example.test")
    response = client.post("/network/services/new", data={})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Write the name of the service." in page and "at least one need" in page
    assert db.session.query(Service).count() == 0


def test_a_duplicate_service_is_refused(make, auth, client):
    build_world(make)
    make.user(email="en-super@example.test", roles=("supervisor",), locale="en")
    auth.login("en-super@example.test")
    assert client.post("/network/services/new", data=_form()).status_code == 302
    response = client.post("/network/services/new", data=_form(name="ORIENTAMENTO"))
    assert response.status_code == 422 and "already has a service" in response.get_data(as_text=True)


@pytest.mark.parametrize("role, status", [("desk", 403), ("legal", 403), ("admin", 200),
                                          ("supervisor", 200)])
def test_only_supervisors_and_admins_keep_the_directory(make, auth, client, role, status):
    w = build_world(make)
    auth.login(w.email(role))
    assert client.get("/network/services/new").status_code == status


def test_week_hours_of_an_import_cell():
    assert validation.format_week(validation.parse_week("mon 09:00-12:00; thu 14:00-17:00")) \
        == "mon 09:00-12:00; thu 14:00-17:00"
    with pytest.raises(validation.Invalid):
        validation.parse_week("someday 09:00-12:00")
