"""Each event of team work tells exactly the people it concerns, and nobody who could not
open the case: not another site, not another team, not the one who acted, and a confidential
entry never outside its team."""

import pytest
from sqlalchemy import func, select

from desk.counter.intake_services import Route, route_case
from desk.extensions import db
from desk.models.cases import Case, Referral
from desk.models.notifications import Notification
from desk.models.users import User, with_access
from desk.notifications.services import notify
from desk.policy import case_condition
from desk.policy.recipients import (
    entitled,
    may_see_case,
    may_see_case_condition,
    site_role_ids,
    team_member_ids,
)
from desk.teamwork import referral_services as referrals

from .casework import referral_of
from .notifyworld import book_with_interpreter, notify_world, told


@pytest.fixture
def w(make):
    return notify_world(make)


def test_a_referral_to_the_legal_team_tells_its_members_only(w):
    route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
    db.session.commit()
    assert told("referral_to_team") == {"legal", "legal2"}  # not cn_legal, nor other teams


def test_an_interpreter_request_tells_the_mediators_who_speak_the_language(w, today):
    book_with_interpreter(w, today, language="ar")
    assert told("interpreter_request") == {"mediator"}
    book_with_interpreter(w, today, language="ur", days=4)
    assert told("interpreter_request") == {"mediator", "urdu"}


def test_an_interpreter_request_nobody_speaks_goes_to_the_whole_mediation_team(w, today):
    book_with_interpreter(w, today, language="bn")
    assert told("interpreter_request") == {"mediator", "urdu"}


def test_assigning_a_referral_tells_the_assignee_unless_they_took_it_themselves(w):
    legal = referral_of(w.case, "legal")
    referrals.accept_referral(w.users["legal"], legal, w.users["legal"], legal.version)
    db.session.commit()
    assert told("referral_assigned") == set()
    referrals.reassign_referral(w.users["supervisor"], legal, w.users["legal2"], legal.version)
    db.session.commit()
    assert told("referral_assigned") == {"legal2"}


def test_a_declined_referral_tells_the_desk_operators_of_the_site(w):
    legal = referral_of(w.case, "legal")
    referrals.decline_referral(w.users["legal"], legal, "not_competent", None, legal.version)
    db.session.commit()
    assert told("referral_declined") == {"desk", "desk2"}  # not cn_desk, not the supervisor


def test_a_declined_interpreter_request_does_not_go_to_the_desk(w, today):
    request = book_with_interpreter(w, today)
    referrals.decline_referral(w.users["mediator"], request, "no_capacity", None,
                               request.version)
    db.session.commit()
    assert told("referral_declined") == set()


def test_a_confidential_entry_never_tells_anyone_outside_its_team(w):
    everyone = [u.id for u in w.users.values()]
    legal = w.team("legal")
    users = entitled(everyone, w.case, visibility="team", team_id=legal.id)
    assert {u.email.split("@")[0] for u in users} == {"legal", "legal2"}
    notify("transfer", users, case=w.case)
    db.session.commit()
    assert told("transfer") == {"legal", "legal2"}  # not the desk, the supervisor, mediation


def test_nobody_outside_the_case_is_told_whatever_the_caller_asks(w):
    everyone = [u.id for u in w.users.values()]
    names = {u.email.split("@")[0] for u in entitled(everyone, w.case)}
    # social and health have no referral on this case; admin sees no content; Cuneo no site.
    assert names == {"desk", "desk2", "mediator", "urdu", "legal", "legal2", "supervisor"}


def test_the_recipient_rules_agree_with_the_case_rule_for_every_user(w, make):
    other = make.case(site=w.site, referrals=["social"])
    cn_case = make.case(site=make.site("CN"), referrals=["legal"])
    users = db.session.scalars(select(User).options(*with_access())).unique().all()
    for case in (w.case, other, cn_case):
        referred = {r.team_id for r in case.referrals}
        for user in users:
            by_sql = db.session.scalar(select(func.count()).select_from(Case).where(
                Case.id == case.id, case_condition(user))) == 1
            assert may_see_case(user, case, referred) == by_sql, (user.email, case.id)
            asked_of_users = db.session.scalar(select(func.count()).select_from(User).where(
                User.id == user.id, may_see_case_condition(case.id, case.site_id))) == 1
            assert asked_of_users == by_sql, (user.email, case.id)


def test_inactive_users_are_not_told(w):
    w.users["legal2"].active = False
    db.session.commit()
    route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
    db.session.commit()
    assert told("referral_to_team") == {"legal"}


def test_staff_lookups(w):
    assert set(team_member_ids(w.team("legal"))) == {w.users["legal"].id, w.users["legal2"].id}
    assert set(site_role_ids(w.site.id, "desk")) == {w.users["desk"].id, w.users["desk2"].id}


def test_notify_refuses_an_unknown_kind(w):
    with pytest.raises(ValueError):
        notify("gossip", [w.users["desk"]], case=w.case)
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_a_referral_tells_a_team_of_eight_in_as_few_statements_as_a_team_of_two(w, make):
    """The intake's notifications: who may be told, their e-mail choices and the rows, in
    one statement whatever the team's size (no user loaded, nothing flushed early)."""
    from desk.notifications.services import referral_made

    from .conftest import recorded_statements

    def statements_for_a_new_referral():
        route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
        referral = db.session.scalars(select(Referral).order_by(Referral.id.desc())).first()
        assert referral.case.site and referral.team.site  # loaded, as in the intake
        with recorded_statements() as seen:
            written = referral_made(w.users["desk"], referral)
        db.session.commit()
        return written, len(seen)

    assert statements_for_a_new_referral() == (2, 1)
    for number in range(6):
        make.user(email=f"legal{number + 3}@example.test", roles=("team",), sites=("TO",),
                  teams=("legal",))
    db.session.commit()
    assert statements_for_a_new_referral() == (8, 1)
