"""A transfer that cannot be is refused with a message next to the field and nothing written:
the same site, a desk that does not exist or is no longer in use, no reason, no consent, a
closed case, a transfer already waiting, a person with an open case at the other desk, a
decision already taken. The wrong role or site gets 403 or 404 on every route of transfers."""

from datetime import datetime
from html import unescape

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.cases import Case
from desk.models.history import TimelineEvent
from desk.models.notifications import Notification
from desk.models.transfers import CaseTransfer

from .casework import tr
from .transferworld import REASON, ask, build, decide, the_transfer


@pytest.fixture
def world(make):
    return build(make)


def switch(auth, email):
    auth.logout()
    auth.login(email)


def _written() -> tuple[int, int, int]:
    db.session.expire_all()
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (CaseTransfer, TimelineEvent, Notification))


def _refused(response, message: str, **values) -> None:
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422, html[:300]
    assert unescape(tr(message, "en", **values)) in html


@pytest.mark.parametrize("fields,message", [
    ({"to_site": "TO"}, "The case is already at this desk: choose another desk."),
    ({"to_site": 999999}, "That desk does not exist or is no longer in use: choose a desk from "
                          "the list."),
    ({"to_site": "AL"}, "That desk does not exist or is no longer in use: choose a desk from "
                        "the list."),
    ({"to_site": "Cuneo"}, "That desk does not exist or is no longer in use: choose a desk from "
                           "the list."),
    ({"to_site": ""}, "Choose the desk that will take over the case."),
    ({"to_site": None}, "Choose the desk that will take over the case."),
    ({"reason": "   "}, "Write the reason: the other desk reads it."),
    ({"reason": None}, "Write the reason: the other desk reads it."),
    ({"consent": None}, "Record the person's consent: a case is transferred only if the person "
                        "agrees."),
    ({"to_site": 2**40}, "That desk does not exist or is no longer in use: choose a desk from "
                         "the list."),
])
def test_a_bad_request_is_refused_next_to_its_field(client, auth, world, fields, message):
    sites = {"TO": world.torino.id, "AL": world.retired.id}
    fields = {k: sites.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    before = _written()
    switch(auth, world.email("op.to"))
    _refused(ask(client, world, **fields), message)
    assert _written() == before


def test_a_reason_too_long_is_refused(client, auth, world):
    before = _written()
    switch(auth, world.email("op.to"))
    response = ask(client, world, reason="x" * 2001)
    assert response.status_code == 422 and 'id="reason-error"' in response.get_data(as_text=True)
    assert _written() == before


def test_the_form_offers_only_the_other_desks_in_use(client, auth, world):
    switch(auth, world.email("op.to"))
    html = client.get(f"/cases/{world.case.id}/transfer").get_data(as_text=True)
    assert "Cuneo Sportello" in html and "Asti Sportello" in html
    assert "Alessandria (closed)" not in html
    assert f'value="{world.torino.id}"' not in html


def test_a_closed_case_is_not_transferred(client, auth, world):
    case = db.session.get(Case, world.case.id)
    case.status, case.closed_at, case.closing_outcome = "closed", datetime(2026, 6, 1), "moved_away"
    db.session.commit()
    before = _written()
    switch(auth, world.email("op.to"))
    _refused(ask(client, world), "The case is closed: reopen it before asking for a transfer.")
    assert _written() == before


def test_a_second_request_while_one_waits_is_refused(client, auth, world):
    switch(auth, world.email("op.to"))
    assert ask(client, world).status_code == 302
    before = _written()
    switch(auth, world.email("sup.to"))
    _refused(ask(client, world, to_site=db.session.scalar(
        select(CaseTransfer.to_site_id))), "A transfer of this case is already waiting for a decision.")
    assert _written() == before


def _open_case_at_cuneo(world):
    db.session.add(Case(person_id=world.person.id, site_id=world.cuneo.id, status="open"))
    db.session.commit()


def test_a_person_with_an_open_case_at_the_other_desk_is_refused(client, auth, world):
    _open_case_at_cuneo(world)
    switch(auth, world.email("op.to"))
    _refused(ask(client, world), "This person already has an open case at %(desk)s: that desk "
             "must close it first.", desk="Cuneo Sportello")
    assert the_transfer() is None


def test_an_open_case_that_appeared_meanwhile_stops_the_acceptance(client, auth, world):
    switch(auth, world.email("op.to"))
    ask(client, world)
    _open_case_at_cuneo(world)
    before = _written()
    switch(auth, world.email("sup.cn"))
    _refused(decide(client, the_transfer(), "accept"),
             "This person already has an open case at %(desk)s: that desk must close it first.",
             desk="Cuneo Sportello")
    assert _written() == before
    assert the_transfer().status == "requested"
    assert db.session.get(Case, world.case.id).site_id == world.torino.id
    assert world.person.site_id == world.torino.id


@pytest.mark.parametrize("first,second", [("accept", "accept"), ("accept", "refuse"),
                                          ("refuse", "accept"), ("cancel", "refuse")])
def test_a_decision_already_taken_is_not_taken_again(client, auth, world, first, second):
    switch(auth, world.email("op.to"))
    ask(client, world)
    transfer = the_transfer()
    shown = transfer.version
    switch(auth, world.email("op.to" if first == "cancel" else "sup.cn"))
    assert decide(client, transfer, first, reason="No room.").status_code == 302
    done = the_transfer()
    before = (_written(), done.status, done.version)
    switch(auth, world.email("sup.cn"))
    # Sent with the version the page showed before the first decision: someone else decided.
    response = client.post(f"/transfers/{transfer.id}/{second}",
                           data={"version": shown, "reason": "Again."})
    assert response.status_code == 409
    # Sent again from the page as it is now.
    _refused(decide(client, done, second, reason="Again."), "This transfer was already decided or "
             "withdrawn: the list shows where it stands.")
    after = the_transfer()
    assert (_written(), after.status, after.version) == before


def test_a_case_closed_while_the_request_waits_cannot_be_accepted(client, auth, world):
    switch(auth, world.email("op.to"))
    ask(client, world)
    case = db.session.get(Case, world.case.id)
    case.status, case.closed_at, case.closing_outcome = "closed", datetime(2026, 6, 1), "moved_away"
    db.session.commit()
    switch(auth, world.email("sup.cn"))
    _refused(decide(client, the_transfer(), "accept"), "The case was closed or moved since the "
             "request: it can no longer be transferred. Refuse the request.")
    assert db.session.get(Case, world.case.id).site_id == world.torino.id


# --- who may do what ---------------------------------------------------------------------------

# Each route, and what each account gets: 200 (GET) when allowed, else 403 (sees the case or
# the transfer, but may not) or 404 (does not see it).
EXPECTED = {
    "request": {"op.to": 200, "sup.to": 200, "op2.to": 403, "legal.to": 403, "sup.cn": 404,
                "op.cn": 404, "sup.at": 404, "admin": 404},
    "list": {"op.to": 403, "sup.to": 200, "op2.to": 403, "legal.to": 403, "sup.cn": 200,
             "op.cn": 403, "sup.at": 200, "admin": 403},
    "accept": {"op.to": 403, "sup.to": 403, "op2.to": 404, "legal.to": 404, "sup.cn": 200,
               "op.cn": 404, "sup.at": 404, "admin": 404},
    "refuse": {"op.to": 403, "sup.to": 403, "op2.to": 404, "legal.to": 404, "sup.cn": 200,
               "op.cn": 404, "sup.at": 404, "admin": 404},
    "cancel": {"op.to": 200, "sup.to": 200, "op2.to": 404, "legal.to": 404, "sup.cn": 403,
               "op.cn": 404, "sup.at": 404, "admin": 404},
}


def _paths(world, transfer_id: int) -> dict[str, str]:
    return {"request": f"/cases/{world.case.id}/transfer", "list": "/transfers",
            **{what: f"/transfers/{transfer_id}/{what}" for what in ("accept", "refuse", "cancel")}}


@pytest.mark.parametrize("email", sorted(EXPECTED["request"]))
def test_every_route_answers_403_or_404_to_whoever_may_not(client, auth, world, email):
    switch(auth, world.email("op.to"))
    ask(client, world)
    transfer = the_transfer()
    switch(auth, world.email(email))
    for route, path in _paths(world, transfer.id).items():
        assert client.get(path).status_code == EXPECTED[route][email], (route, email)
    before = (_written(), the_transfer().status)
    for route, path in _paths(world, transfer.id).items():
        if route == "list" or EXPECTED[route][email] == 200:
            continue
        data = {"version": transfer.version, "reason": "x", "to_site": world.cuneo.id,
                "consent": "y"}
        assert client.post(path, data=data).status_code == EXPECTED[route][email], (route, email)
    assert (_written(), the_transfer().status) == before


def test_a_transfer_of_another_site_is_not_found_even_by_id(client, auth, world, make):
    switch(auth, world.email("op.to"))
    ask(client, world)
    transfer = the_transfer()
    switch(auth, world.email("sup.at"))
    html = client.get("/transfers").get_data(as_text=True)
    assert "Haddad" not in html and REASON not in html
    assert client.get(f"/transfers/{transfer.id + 1}/accept").status_code == 404


def test_the_case_page_offers_the_transfer_to_who_may_ask(client, auth, world):
    label = f'href="/cases/{world.case.id}/transfer"'

    switch(auth, world.email("op.to"))
    assert label in client.get(f"/cases/{world.case.id}").get_data(as_text=True)
    switch(auth, world.email("op2.to"))
    assert label not in client.get(f"/cases/{world.case.id}").get_data(as_text=True)
    switch(auth, world.email("op.to"))
    ask(client, world)
    page = client.get(f"/cases/{world.case.id}").get_data(as_text=True)
    assert tr("Withdraw the request", "en") in page and label not in page


@pytest.mark.parametrize("email", ["sup.cn", "sup.to", "op.to", "legal.to"])
def test_the_pages_of_transfers_read_personal_data_through_the_policy(client, auth, world,
                                                                      email):
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from .test_policy_guard import PERSONAL, Guard

    assert "case_transfer" in PERSONAL  # a transfer names its person and carries a reason

    switch(auth, world.email("op.to"))
    ask(client, world)
    transfer = the_transfer()
    switch(auth, world.email(email))
    guard = Guard()
    event.listen(Session, "do_orm_execute", guard)
    try:
        for path in (*_paths(world, transfer.id).values(), f"/cases/{world.case.id}"):
            guard.where = f"GET {path}"
            client.get(path)
    finally:
        event.remove(Session, "do_orm_execute", guard)
    assert guard.seen == [], guard.seen
