"""Bad input at the counter never breaks a page and never writes half an access."""

import re

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.cases import Access, Case, Referral


@pytest.fixture
def person(make, auth):
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    return make.person(site=make.site("TO"))


def post_intake(client, person, **changes):
    html = client.get(f"/people/{person.id}/intake").get_data(as_text=True)
    token = re.search(r'name="form_token" type="hidden" value="([^"]+)"', html).group(1)
    data = {"form_token": token, "channel": "walk_in", "urgency": "normal",
            "needs": ["housing"], "teams": ["social"], "reason_social": "housing",
            "priority_social": "normal"}
    data.update(changes)
    return client.post(f"/people/{person.id}/intake", data=data)


def nothing_written():
    return all(db.session.scalar(select(func.count()).select_from(m)) == 0
               for m in (Access, Case, Referral))


@pytest.mark.parametrize("changes,field", [
    ({"channel": "pigeon"}, "channel"),
    ({"needs": ["flying"]}, "needs"),
    ({"urgency": "yesterday"}, "urgency"),
    ({"teams": ["astronomy"]}, "teams"),
    ({"priority_social": "whenever"}, "priority_social"),
    ({"reason_social": "boredom"}, "reason_social"),
    ({"outcome": "maybe"}, "outcome"),
    ({"language_used": "klingon"}, "language_used"),
    ({"description": "x" * 4001}, "description"),
])
def test_bad_intake_input_is_refused_next_to_the_field(client, person, changes, field):
    response = post_intake(client, person, **changes)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="error"' in html
    assert nothing_written()


def test_long_mixed_script_description_with_emoji_is_kept(client, person):
    text = ("Permesso scaduto 😀 — يحتاج مساعدة في السكن — Потрібна допомога " * 40)[:3900]
    response = post_intake(client, person, description=text)
    assert response.status_code == 302
    assert db.session.scalar(select(Access.description)) == text.strip()


def test_a_refused_intake_keeps_what_was_typed(client, person):
    response = post_intake(client, person, channel="pigeon", description="Da non perdere")
    html = response.get_data(as_text=True)
    assert "Da non perdere" in html
    assert re.search(r'value="housing"[^>]*checked|checked[^>]*value="housing"', html)


def test_intake_without_a_form_token_still_works_once(client, person):
    response = post_intake(client, person, form_token="")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Access)) == 1


@pytest.mark.parametrize("query", ["x" * 5000, "😀", "31/02/1990", "+39 ☎", "%", "_", "'"])
def test_odd_searches_render(client, person, query):
    response = client.get("/people/search", query_string={"q": query})
    assert response.status_code == 200
