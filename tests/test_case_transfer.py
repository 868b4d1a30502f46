"""A Torino case is transferred to Cuneo and disappears from Torino: the person and the case
become Cuneo's with their whole history; open referrals of Torino's teams are closed as
"transferred", their appointments to come cancelled; before the acceptance Cuneo sees only the
list of transfers; a refusal leaves everything as it was; the right people are told."""

import pytest
from sqlalchemy import func, select

from desk import policy
from desk.audit.services import later
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access, Case, Referral
from desk.models.notifications import Notification
from desk.models.plan import Appointment
from desk.models.sites import Team
from desk.models.users import User
from desk.notifications.messages import describe

from .apiwork import ApiCaller, token_for
from .casework import tr
from .transferworld import (
    PERMIT_NUMBER,
    REASON,
    SECRET_NOTE,
    SHARED_NOTE,
    ask,
    build,
    decide,
    event_kinds,
    the_transfer,
)


@pytest.fixture
def world(make):
    return build(make)


def switch(auth, email):
    """Sign out whoever is signed in, and sign in as `email`."""
    auth.logout()
    auth.login(email)


def _status(client, auth, email, *paths) -> list[int]:
    switch(auth, email)
    codes = [client.get(path).status_code for path in paths]
    auth.logout()
    return codes


def _recipients(what: str) -> set[str]:
    db.session.expire_all()
    return set(db.session.scalars(select(User.email).join(Notification, Notification.user_id == User.id)
                                  .where(Notification.kind == "transfer",
                                         Notification.payload["what"].as_string() == what)))


def _audited(action: str) -> list[AuditLog]:
    later.wait()
    db.session.expire_all()
    return list(db.session.scalars(select(AuditLog).where(AuditLog.action == action)
                                   .order_by(AuditLog.id)))


def test_a_torino_case_transferred_to_cuneo_disappears_from_torino(client, auth, world):
    case, person = world.case, world.person
    pages = (f"/cases/{case.id}", f"/people/{person.id}")
    # Asked by the case manager, with the person's consent.
    switch(auth, world.email("op.to"))
    assert ask(client, world).status_code == 302
    auth.logout()
    transfer = the_transfer()
    assert transfer.status == "requested" and transfer.to_site_id == world.cuneo.id
    assert transfer.consent_recorded_by_id == world.users["op.to"].id
    assert transfer.consent_given_at is not None
    # Until Cuneo accepts, Cuneo sees the request on its list, and not the case.
    for email in ("sup.cn", "op.cn", "legal.cn"):
        assert _status(client, auth, world.email(email), *pages) == [404, 404]
    switch(auth, world.email("sup.cn"))
    listing = client.get("/transfers").get_data(as_text=True)
    assert "Yusuf Haddad" in listing and REASON in listing and "TO-" in listing
    for private in (SHARED_NOTE, SECRET_NOTE, "3331234567", PERMIT_NUMBER):
        assert private not in listing
    # Accepted by a supervisor of Cuneo.
    assert client.get(f"/transfers/{transfer.id}/accept").status_code == 200
    response = decide(client, transfer, "accept")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/cases/{case.id}")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    auth.logout()
    # Cuneo reads the whole history (but the Torino health team's confidential note).
    assert SHARED_NOTE in page and SECRET_NOTE not in page
    for kind in ("Transfer to another desk requested", "Transfer accepted by the receiving desk"):
        assert tr(kind, "en") in page
    assert tr("Case transferred to another desk", "en") in page
    assert _status(client, auth, world.email("op.cn"), *pages) == [200, 200]
    # Torino no longer sees the person, the case or the access.
    for email in ("op.to", "sup.to", "legal.to"):
        assert _status(client, auth, world.email(email), *pages,
                       f"/people/access/{world.access.id}/slip") == [404, 404, 404]
    db.session.expire_all()
    assert db.session.get(Case, case.id).site_id == world.cuneo.id
    assert db.session.get(Case, case.id).manager_id == world.users["sup.cn"].id
    assert db.session.get(Case, case.id).reference.startswith("CN-")
    assert world.person.site_id == world.cuneo.id
    assert the_transfer().status == "accepted"


def test_the_api_follows_the_transfer(client, world, make):
    torino_token = token_for(world.users["op.to"])
    cuneo_token = token_for(world.users["op.cn"])
    assert ApiCaller(client, cuneo_token).get(f"/people/{world.person.id}").status_code == 404
    from desk.identity import transfer_services as services

    transfer = services.request_transfer(world.users["op.to"], world.case, world.cuneo.id,
                                         REASON, True)
    services.accept_transfer(world.users["sup.cn"], transfer, transfer.version)
    db.session.commit()
    assert ApiCaller(client, torino_token).get(f"/people/{world.person.id}").status_code == 404
    assert ApiCaller(client, cuneo_token).get(f"/people/{world.person.id}").status_code == 200


def test_acceptance_closes_torinos_referrals_and_appointments_to_come(client, auth, world):
    switch(auth, world.email("op.to"))
    ask(client, world)
    switch(auth, world.email("sup.cn"))
    decide(client, the_transfer(), "accept")
    referrals = db.session.scalars(select(Referral).where(Referral.case_id == world.case.id)
                                   .order_by(Referral.id)).all()
    assert [(r.team.kind, r.status, r.outcome) for r in referrals] == [
        ("legal", "completed", "transferred"), ("mediation", "completed", "transferred"),
        ("social", "completed", "resolved"), ("health", "completed", "transferred")]
    assert db.session.get(Appointment, world.future.id).outcome == "cancelled"
    assert db.session.get(Appointment, world.past.id).outcome == "attended"
    assert event_kinds(world.case).count("referral_completed") == 3
    # Nothing of it is left in Torino's legal queue.
    switch(auth, world.email("legal.to"))
    assert "Haddad" not in client.get("/teams/legal/queue").get_data(as_text=True)


def test_accesses_stay_counted_where_they_happened(client, auth, world):
    def counted(user, site):
        return db.session.scalar(select(func.count(Access.id)).where(
            policy.accesses_of_sites(user, [site.id])))

    sup_to, sup_cn = world.users["sup.to"], world.users["sup.cn"]
    assert (counted(sup_to, world.torino), counted(sup_cn, world.cuneo)) == (1, 0)
    switch(auth, world.email("op.to"))
    ask(client, world)
    switch(auth, world.email("sup.cn"))
    decide(client, the_transfer(), "accept")
    assert (counted(sup_to, world.torino), counted(sup_cn, world.cuneo)) == (1, 0)
    assert db.session.get(Access, world.access.id).site_id == world.torino.id
    readable = lambda user: set(db.session.scalars(policy.visible_accesses(user)  # noqa: E731
                                                   .with_only_columns(Access.id)))
    assert readable(sup_to) == set() and readable(sup_cn) == {world.access.id}


def test_a_queue_read_from_the_team_alone_still_equals_the_general_rule(client, auth, world):
    switch(auth, world.email("op.to"))
    ask(client, world)
    switch(auth, world.email("sup.cn"))
    decide(client, the_transfer(), "accept")
    for user in world.users.values():
        for team in db.session.scalars(select(Team)):
            shortcut = set(db.session.scalars(policy.team_referrals(user, team, open_only=True)
                                              .with_only_columns(Referral.id)))
            general = set(db.session.scalars(
                select(Referral.id).join(Case, Case.id == Referral.case_id)
                .where(Referral.team_id == team.id, Referral.status.in_(("pending", "accepted")),
                       policy.case_condition(user))))
            assert shortcut == general, (user.email, team.id)


def test_a_refusal_leaves_everything_as_it_was(client, auth, world):
    def state():
        db.session.expire_all()
        return (world.person.site_id, db.session.get(Case, world.case.id).site_id,
                db.session.get(Case, world.case.id).manager_id,
                sorted(db.session.scalars(select(Referral.status))),
                db.session.get(Appointment, world.future.id).outcome)

    before = state()
    switch(auth, world.email("op.to"))
    ask(client, world)
    transfer = the_transfer()
    switch(auth, world.email("sup.cn"))
    empty = decide(client, transfer, "refuse", reason="  ")
    assert empty.status_code == 422
    assert tr("Write the reason: the other desk reads it.", "en") in empty.get_data(as_text=True)
    assert the_transfer().status == "requested"
    assert decide(client, transfer, "refuse", reason="No room in our mediation team.").status_code == 302
    assert state() == before and the_transfer().status == "refused"
    assert _status(client, auth, world.email("sup.cn"), f"/cases/{world.case.id}") == [404]
    switch(auth, world.email("op.to"))
    page = client.get(f"/cases/{world.case.id}").get_data(as_text=True)
    assert tr("Transfer refused by the receiving desk", "en") in page
    assert "No room in our mediation team." in page
    assert tr("Transfer to another desk", "en") in page  # may be asked again
    assert _recipients("refused") == {"op.to@example.test", "sup.to@example.test"}


def test_notifications_reach_exactly_the_right_people(client, auth, world, make):
    make.user(email="gone.cn@example.test", roles=("supervisor",), sites=("CN",), active=False)
    switch(auth, world.email("op.to"))
    ask(client, world)
    assert _recipients("requested") == {"sup.cn@example.test", "sup2.cn@example.test"}
    switch(auth, world.email("sup.cn"))
    decide(client, the_transfer(), "accept")
    assert _recipients("accepted") == {"op.to@example.test", "sup.to@example.test"}
    notes = db.session.scalars(select(Notification).where(Notification.kind == "transfer")).all()
    assert all(n.case_id is None for n in notes)
    with client.application.test_request_context():
        from flask_babel import force_locale

        for note in notes:
            with force_locale("it"):
                text = describe(note)
            assert "Haddad" not in text and "TO-" in text
            assert "Cuneo Sportello" in text or "Torino Spazio Comune" in text


def test_withdrawing_a_request_tells_the_receiving_desk(client, auth, world):
    switch(auth, world.email("op.to"))
    ask(client, world)
    transfer = the_transfer()
    assert client.get(f"/transfers/{transfer.id}/cancel").status_code == 200
    assert decide(client, transfer, "cancel").status_code == 302
    assert the_transfer().status == "cancelled"
    assert _recipients("cancelled") == {"sup.cn@example.test", "sup2.cn@example.test"}
    assert event_kinds(world.case)[-1] == "transfer_cancelled"
    switch(auth, world.email("sup.cn"))
    assert decide(client, transfer, "accept").status_code == 422
    assert db.session.get(Case, world.case.id).site_id == world.torino.id


def test_requests_decisions_and_the_list_are_audited(client, auth, world):
    switch(auth, world.email("op.to"))
    ask(client, world)
    switch(auth, world.email("sup.cn"))
    client.get("/transfers")
    decide(client, the_transfer(), "accept")
    switch(auth, world.email("sup.to"))
    outgoing = client.get("/transfers").get_data(as_text=True)
    assert "Haddad" not in outgoing and tr("Accepted", "en") in outgoing
    assert [r.person_id for r in _audited("transfer_request")] == [world.person.id]
    assert [r.person_id for r in _audited("transfer_accept")] == [world.person.id]
    viewed = _audited("view_transfers")
    assert [(r.user_id, r.person_id) for r in viewed] == [(world.users["sup.cn"].id,
                                                           world.person.id)]
