"""Input shapes that once gave a 500: integer and date extremes, whitespace-only choices,
in query strings and forms. Each is refused (or ignored) with a page, never a server error,
and nothing is written."""

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.people import ResidenceDocument

from .casework import build_world

HUGE = "9223372036854775807"


def _urls(w):
    case = w.case.id
    return [
        f"/cases/{case}?page={HUGE}", f"/people/desk?page={HUGE}", f"/teams/legal/queue?page={HUGE}",
        f"/teams/legal/expiring?page={HUGE}", f"/admin/audit?page={HUGE}", f"/admin/users?page={HUGE}",
        "/teams/legal/queue?assignee=100000000000000000000",
        "/teams/appointments?day=9999-12-31&span=week", "/teams/appointments?day=0001-01-01",
        "/teams/appointments?day=0001-01-01&span=week",
        "/supervision/accesses?week=9999-12-31", "/supervision/accesses?week=0001-01-01",
        "/admin/audit?date_to=9999-12-31", "/admin/audit?date_from=0001-01-01&date_to=0001-01-01",
        "/supervision/?site=%20%20%20", "/supervision/?end=9999-12-31", "/supervision/?start=0001-01-01",
        f"/supervision/referrals?page={HUGE}", "/supervision/referrals?start=9999-12-31&end=9999-12-31",
        "/supervision/appointments?day=9999-12-31",
    ]


@pytest.mark.parametrize("role", ["supervisor", "admin", "legal", "desk"])
def test_extreme_numbers_and_dates_never_give_a_500(make, auth, client, role):
    world = build_world(make)
    auth.login(world.email(role))
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code < 500, (role, url)


@pytest.mark.parametrize("field,value", [("doc_type", "   "), ("doc_type", "\t")])
def test_whitespace_in_a_choice_is_refused_with_a_message(make, auth, client, field, value):
    world = build_world(make)
    auth.login(world.email("legal"))
    before = db.session.scalar(select(func.count()).select_from(ResidenceDocument))
    data = {"doc_type": "study", "number": "AB1", "expiry_date": ""}
    data[field] = value
    response = client.post(f"/cases/{world.case.id}/documents/new", data=data)
    assert response.status_code == 422
    assert 'class="error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ResidenceDocument)) == before


def test_a_padded_choice_is_stored_as_the_choice(make, auth, client):
    world = build_world(make)
    auth.login(world.email("legal"))
    response = client.post(f"/cases/{world.case.id}/documents/new",
                           data={"doc_type": " study ", "number": "AB1", "expiry_date": ""})
    assert response.status_code == 302
    assert db.session.scalar(select(ResidenceDocument.doc_type)) == "study"


def test_whitespace_outcome_when_completing_is_refused(make, auth, client):
    world = build_world(make, referrals=("legal",))
    referral = world.case.referrals[0]
    auth.login(world.email("legal"))
    client.post(f"/referrals/{referral.id}/accept", data={"assignee": world.users["legal"].id,
                                                          "version": referral.version})
    db.session.refresh(referral)
    response = client.post(f"/referrals/{referral.id}/complete",
                           data={"outcome": "  ", "version": referral.version})
    assert response.status_code == 422
    db.session.refresh(referral)
    assert referral.status == "accepted"
