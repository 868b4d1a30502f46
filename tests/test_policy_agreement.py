"""The policy's checks of a record already loaded, and its shortcuts for lists, agree with its
general SQL rules on every role and every record of a generated desk (the demo's two sites,
its people, their cases, notes, events, referrals and appointments)."""

import pytest
from sqlalchemy import select

from desk import policy
from desk.extensions import db
from desk.models.cases import Case, Referral
from desk.models.history import Note, TimelineEvent
from desk.models.plan import Appointment
from desk.models.sites import Site, Team
from desk.models.users import User
from desk.sampledata.demo import seed_demo


@pytest.fixture
def world(app, make, now):
    seed_demo(people=40, now=now)
    db.session.commit()
    # Beside the demo accounts: a worker of two teams, a supervisor who is also on a team, an
    # account of no site, an admin.
    make.user(email="two.teams@example.test", roles=("team",), teams=("legal", "social"))
    make.user(email="both@example.test", roles=("supervisor", "team"), teams=("health",))
    make.user(email="nowhere@example.test", roles=("desk",), sites=())
    db.session.commit()
    return db.session.scalars(select(User).order_by(User.id)).all()


def _ids(query) -> set[int]:
    return set(db.session.scalars(query))


def test_an_entry_is_readable_exactly_when_its_sql_rule_selects_it(world):
    for user in world:
        for model in (Note, TimelineEvent):
            rows = db.session.scalars(policy.case_records(user, model, model.case_id)
                                      .with_only_columns(model)).all() if False else None
            visible_cases = _ids(select(Case.id).where(policy.case_condition(user)))
            entries = db.session.scalars(select(model).where(model.case_id.in_(visible_cases))).all()
            by_sql = _ids(select(model.id).where(model.case_id.in_(visible_cases),
                                                  policy.entry_condition(user, model)))
            by_check = {e.id for e in entries if policy.can_view_entry(user, e)}
            assert by_check == by_sql, (user.email, model.__name__)
            assert rows is None


def test_a_queue_read_from_the_team_alone_equals_the_general_rule(world):
    teams = db.session.scalars(select(Team)).all()
    checked = 0
    for user in world:
        for team in teams:
            shortcut = _ids(policy.team_referrals(user, team, open_only=True)
                            .with_only_columns(Referral.id))
            general = _ids(select(Referral.id).join(Case, Case.id == Referral.case_id).where(
                Referral.team_id == team.id, Referral.status.in_(("pending", "accepted")),
                policy.case_condition(user)))
            assert shortcut == general, (user.email, team.site_id, team.kind)
            checked += bool(general)
    assert checked > 5, "the world must hold referrals that users see"


def test_whole_site_figures_read_by_team_equal_the_general_rule(world):
    sites = db.session.scalars(select(Site)).all()
    for user in world:
        for chosen in ([s.id for s in sites], [sites[0].id]):
            teams = tuple(db.session.scalars(select(Team.id).where(Team.site_id.in_(chosen))))
            referrals = _ids(policy.referrals_of_sites(user, chosen, teams, select(Referral.id)))
            appointments = _ids(policy.appointments_of_sites(user, chosen, teams,
                                                             select(Appointment.id)))
            general_referrals = _ids(select(Referral.id).join(Case, Case.id == Referral.case_id)
                                     .where(policy.cases_of_sites(user, chosen)))
            general_appointments = _ids(select(Appointment.id).join(
                Case, Case.id == Appointment.case_id).where(policy.cases_of_sites(user, chosen)))
            assert referrals == general_referrals, user.email
            assert appointments == general_appointments, user.email


def test_whoever_may_work_a_referral_may_see_its_case(world):
    referrals = db.session.scalars(select(Referral)).all()
    for user in world:
        visible = _ids(select(Case.id).where(policy.case_condition(user)))
        for referral in referrals:
            if policy.can_work_referral(user, referral):
                assert referral.case_id in visible, (user.email, referral.id)


def test_admins_and_accounts_of_no_site_see_no_case_content(world):
    for user in world:
        if user.has_role(*policy.CONTENT_ROLES) and user.site_ids:
            continue
        assert _ids(select(Case.id).where(policy.case_condition(user))) == set(), user.email
        assert _ids(policy.visible_people(user).with_only_columns(policy.visible_people(user)
                                                                  .selected_columns[0])) == set()
