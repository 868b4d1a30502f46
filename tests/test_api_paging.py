"""Every list of the API is read page by page with an opaque cursor: walking the `next` links
gives every row once, in the list's order, even when rows are added between two pages; a
cursor that was changed, or sent to another list or with other filters, is refused (400)."""

from datetime import timedelta

import pytest

from desk.cases.note_services import write_note
from desk.extensions import db

from .apiwork import callers
from .casework import add_referral, build_world
from .network_world import add_service


@pytest.fixture
def world(make):
    return build_world(make, referrals=("legal",))


@pytest.fixture
def api(client, world):
    return callers(client, world, scope="read")


def walk(caller, path: str) -> tuple[list[int], int]:
    """Every row's id, following `next` from the first page; and how many pages it took."""
    ids, pages, url = [], 0, path
    while url:
        response = caller.get(url)
        assert response.status_code == 200, response.json
        body = response.json
        pages += 1
        ids += [row["person"]["id"] if "person" in row else row["id"] for row in body["results"]]
        if body["next"]:
            assert response.headers["Link"] == f'<{body["next"]}>; rel="next"'
            assert body["next_cursor"] in body["next"]
            url = body["next"].removeprefix("/api/v1")
        else:
            assert body["next_cursor"] is None and "Link" not in response.headers
            url = None
    return ids, pages


def _queue(world, count=7):
    legal = world.team("legal")
    # Several share a due date: the id orders them, so none is lost between two pages.
    return [add_referral(world.case, legal, due_in=(3 if i % 2 else 9)) for i in range(count)]


def test_a_teams_queue_walks_whole_without_duplicates_or_gaps(world, api):
    _queue(world)
    everything = api["legal"].get("/teams/legal/referrals?limit=100").json["results"]
    assert len(everything) == 8
    ids, pages = walk(api["legal"], "/teams/legal/referrals?limit=3")
    assert ids == [r["id"] for r in everything] and pages == 3


def test_a_row_added_between_two_pages_does_not_shift_the_rest(world, api):
    _queue(world)
    first = api["legal"].get("/teams/legal/referrals?limit=4").json
    seen = [r["id"] for r in first["results"]]
    add_referral(world.case, world.team("legal"), due_in=1)  # sorts before the whole page 1
    rest, _pages = walk(api["legal"], first["next"].removeprefix("/api/v1"))
    everything = [r["id"] for r in
                  api["legal"].get("/teams/legal/referrals?limit=100").json["results"]]
    assert len(set(seen + rest)) == len(seen + rest) == 8
    assert seen + rest == everything[1:]  # the new first row was not on the pages walked


def test_the_timeline_walks_newest_first_through_entries_of_the_same_moment(world, api, app):
    with app.test_request_context():
        for n in range(9):  # the clock stands still: all at the same instant
            write_note(world.users["desk"], world.case, f"Nota {n}", "it", "all")
        db.session.commit()
    path = f"/cases/{world.case.id}/timeline"
    everything = api["legal"].get(path + "?limit=100").json["results"]
    ids, pages = walk(api["legal"], path + "?limit=4")
    assert ids == [e["id"] for e in everything] and len(ids) == len(set(ids)) >= 9
    assert pages == -(-len(ids) // 4)
    moments = [e["occurred_at"] for e in everything]
    assert moments == sorted(moments, reverse=True)


def test_the_search_walks_its_results_best_first(make, world, api):
    for given in ("Omar", "Leila", "Samir", "Rania", "Karim"):
        make.person(site=world.site, given=given, family="Haddad")
    everything = [hit["person"]["id"]
                  for hit in api["desk"].get("/people?q=Haddad&limit=100").json["results"]]
    assert len(everything) == 6
    ids, pages = walk(api["desk"], "/people?q=Haddad&limit=4")
    assert ids == everything and pages == 2


def test_the_directory_walks_by_organisation_and_name(world, api):
    for n in range(5):
        add_service("TO", f"Associazione {n % 2}", "third_sector", f"Sportello {n}", ["housing"])
    add_service("CN", "Casa di Cuneo", "third_sector", "Accoglienza", ["housing"])
    ids, _pages = walk(api["desk"], "/services?limit=2")
    everything = [s["id"] for s in api["desk"].get("/services?limit=100").json["results"]]
    assert ids == everything and len(ids) == 5  # Cuneo's province is not Torino's directory


def test_the_diary_walks_by_time(world, api, make, now):
    from desk.models.plan import Appointment

    legal = world.team("legal")
    for hours in (5, 1, 3, 3, 2):
        db.session.add(Appointment(case_id=world.case.id, team_id=legal.id,
                                   starts_at=now + timedelta(hours=hours), duration_minutes=30))
    db.session.commit()
    everything = api["legal"].get("/teams/legal/appointments?limit=100").json["results"]
    ids, pages = walk(api["legal"], "/teams/legal/appointments?limit=2")
    assert ids == [a["id"] for a in everything] and len(ids) == 5 and pages == 3


def _cursor(api):
    return api["legal"].get("/teams/legal/referrals?limit=2").json["next_cursor"]


def test_a_changed_cursor_is_refused(world, api):
    _queue(world)
    cursor = _cursor(api)
    changed = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    for bad in (changed, "not-a-cursor", cursor + "x", "e30"):
        response = api["legal"].get(f"/teams/legal/referrals?limit=2&cursor={bad}")
        assert response.status_code == 400, bad
        assert response.content_type == "application/problem+json"
        assert response.json["errors"]["cursor"]


def test_a_cursor_belongs_to_its_list_and_its_filters(world, api):
    _queue(world)
    cursor = _cursor(api)
    assert api["legal"].get(f"/teams/legal/referrals?cursor={cursor}").status_code == 200
    assert api["legal"].get(
        f"/teams/legal/referrals?status=all&cursor={cursor}").status_code == 400
    assert api["legal"].get(
        f"/cases/{world.case.id}/timeline?cursor={cursor}").status_code == 400


def test_the_limit_is_bounded(world, api):
    for limit in ("0", "101", "-1", "x"):
        assert api["legal"].get(f"/teams/legal/referrals?limit={limit}").status_code == 400


def test_walking_the_timeline_never_meets_another_teams_confidential_note(make, client, app):
    world = build_world(make, referrals=("legal", "health"))
    with app.test_request_context():
        for n in range(3):
            write_note(world.users["health"], world.case, f"Diagnosi {n}", "it", "team")
            write_note(world.users["desk"], world.case, f"Nota {n}", "it", "all")
        db.session.commit()
    api = callers(client, world, scope="read")
    path = f"/cases/{world.case.id}/timeline?limit=1"
    legal, _pages = walk(api["legal"], path)
    health, _pages = walk(api["health"], path)
    assert len(health) == len(legal) + 3 and set(legal) < set(health)
    whole = api["legal"].get(f"/cases/{world.case.id}/timeline?limit=100").json["results"]
    bodies = [e["note"]["body"] for e in whole if e["note"]]
    assert sorted(bodies) == ["Nota 0", "Nota 1", "Nota 2"]
