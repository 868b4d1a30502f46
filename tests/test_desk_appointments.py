"""The desk's printable list of today's and tomorrow's appointments at its sites."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.common.clock import day_start_utc
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.plan import Appointment

from .casework import build_world

URL = "/people/desk/appointments"


def _book(case, team, day, hour, place):
    starts = day_start_utc(day) + timedelta(hours=hour)  # desk time (no DST change in a day)
    db.session.add(Appointment(case_id=case.id, team_id=team.id, starts_at=starts, place=place))
    db.session.commit()


@pytest.fixture
def world(make, today):
    w = build_world(make)
    _book(w.case, w.team("legal"), today, 9, "Sala Oggi")
    _book(w.case, w.team("legal"), today + timedelta(days=1), 23, "Sala Domani Sera")
    _book(w.case, w.team("legal"), today + timedelta(days=2), 9, "Sala Dopodomani")
    _book(w.case, w.team("legal"), today - timedelta(days=1), 9, "Sala Ieri")
    elsewhere = make.case(site=make.site("CN"), person=make.person(site=make.site("CN"), given="Altro",
                                                                  family="Sito"))
    _book(elsewhere, make.team(make.site("CN"), "legal"), today, 10, "Sala Cuneo")
    return w


def test_desk_lists_today_and_tomorrow_at_its_site_only(client, auth, world):
    auth.login(world.email("desk"))
    page = client.get(URL)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Sala Oggi" in html and "Sala Domani Sera" in html  # 23:00 local is still tomorrow
    assert "Sala Dopodomani" not in html and "Sala Ieri" not in html
    assert "Sala Cuneo" not in html and "Sito" not in html
    assert "Haddad" in html and "data-print" in html
    assert html.index("Sala Oggi") < html.index("Sala Domani Sera")


def test_the_list_is_linked_from_the_desk_home(client, auth, world):
    auth.login(world.email("desk"))
    assert URL in client.get("/people/desk").get_data(as_text=True)


def test_showing_the_list_writes_an_audit_row_for_the_person(client, auth, world):
    auth.login(world.email("desk"))
    client.get(URL)
    rows = db.session.scalars(select(AuditLog).where(AuditLog.person_id == world.case.person_id,
                                                     AuditLog.user_id == world.users["desk"].id))
    assert list(rows), "the person shown in the list is in the audit log"


@pytest.mark.parametrize("role", ["legal", "mediator", "admin"])
def test_other_roles_are_refused(client, auth, world, role):
    auth.login(world.email(role))
    assert client.get(URL).status_code in (403, 404)


def test_a_supervisor_of_another_site_sees_none_of_this_site(client, auth, world):
    auth.login(world.email("other"))
    html = client.get(URL).get_data(as_text=True)
    assert "Sala Oggi" not in html and "Sala Cuneo" in html
