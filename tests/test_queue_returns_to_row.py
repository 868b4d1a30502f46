"""After accept or decline the team queue comes back at the row worked on (a declined row
leaves the queue: at the row that followed it), not at the top of the page."""

import re

from desk.extensions import db
from desk.models.cases import Referral

from .casework import add_referral, build_world


def _queue_with_two(make):
    w = build_world(make)
    person = make.person(site=w.site, given="Second", family="Row", languages=("fr",))
    second = add_referral(make.case(site=w.site, person=person), w.team("legal"), due_in=20)
    first = db.session.get(Referral, w.case.referrals[0].id)
    return w, first, second


def test_accepting_from_the_queue_returns_to_that_row(make, auth, client):
    w, first, _second = _queue_with_two(make)
    auth.login(w.email("legal"))
    html = client.get("/teams/legal/queue?status=").get_data(as_text=True)
    assert f'id="referral-{first.id}"' in html
    nexts = re.findall(r'name="next" value="([^"]+)"', html)
    mine = next(n for n in nexts if n.endswith(f"#referral-{first.id}"))
    response = client.post(f"/referrals/{first.id}/accept", data={
        "assignee": w.users["legal"].id, "version": first.version, "next": mine})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#referral-{first.id}")
    assert "/teams/legal/queue" in response.headers["Location"]


def test_declining_returns_to_the_row_that_followed(make, auth, client):
    w, first, second = _queue_with_two(make)
    auth.login(w.email("legal"))
    html = client.get("/teams/legal/queue").get_data(as_text=True)
    links = re.findall(r'href="(/referrals/(\d+)/decline\?next=[^"]+)"', html)
    link = next(href for href, rid in links if int(rid) == first.id)
    form = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    back = re.search(r'<input id="next" name="next" type="hidden" value="([^"]+)"', form)
    assert back.group(1).endswith(f"#referral-{second.id}")
    response = client.post(f"/referrals/{first.id}/decline", data={
        "reason": "not_competent", "version": first.version, "next": back.group(1)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#referral-{second.id}")
