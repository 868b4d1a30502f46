"""No account comes to see case content by one person's decision alone: an administrator
cannot change their own access, a content role given by an administrator waits for a second
person, and nobody approves their own request or a request about themselves."""

from itertools import chain, combinations

import pytest
from sqlalchemy import select

from desk.admin import grant_services, services
from desk.auth.services import AccountError
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.grants import AccessGrant
from desk.models.sites import Site
from desk.models.users import User
from desk.policy import CONTENT_ROLES

ROLE_SETS = [list(c) for c in chain.from_iterable(
    combinations(("desk", "team", "supervisor", "admin"), n) for n in range(1, 5))]


@pytest.fixture
def people(make):
    make.site("TO")
    make.site("CN")
    return {
        "admin": make.user(email="a1@example.test", roles=("admin",), sites=()),
        "admin2": make.user(email="a2@example.test", roles=("admin",), sites=()),
        "desk": make.user(email="d@example.test", roles=("desk",)),
        "boss_to": make.user(email="s.to@example.test", roles=("supervisor",)),
        "boss_cn": make.user(email="s.cn@example.test", roles=("supervisor",), sites=("CN",)),
    }


def _access(user):
    return sorted(user.roles), sorted(user.site_ids), sorted(user.team_ids)


def _holds_content(user) -> bool:
    return bool(grant_services.content_access(user.roles, user.site_ids, user.team_ids))


def _values(roles, site_ids=(), team_ids=()):
    return {"name": "Someone", "roles": roles, "site_ids": list(site_ids),
            "team_ids": list(team_ids), "locale": "it", "languages": []}


def test_one_administrator_alone_gives_no_one_case_content(people):
    """Every role set, on every kind of account (the administrator's own, another
    administrator's, a desk operator's, a new one), by one administrator: no content access
    appears that the account did not have, and the administrator's own access never moves."""
    admin = people["admin"]
    torino = db.session.scalar(select(Site).where(Site.code == "TO"))
    sites, teams = [torino.id], [torino.teams[0].id]
    for roles in ROLE_SETS:
        for target_name in ("admin", "admin2", "desk", "new"):
            with db.session.begin_nested():
                target = people.get(target_name)
                before = grant_services.content_access(
                    *(_access(target) if target else ((), (), ())))
                try:
                    if target is None:
                        target, _password, _grant = services.create_account(
                            admin, email=f"new{len(roles)}@example.test", **_values(
                                roles, sites, teams if "team" in roles else ()))
                    else:
                        services.update_access(admin, target, **_values(
                            roles, sites, teams if "team" in roles else ()))
                except AccountError:
                    pass
                db.session.flush()
                after = grant_services.content_access(*_access(target))
                assert after <= before, (roles, target_name, after - before)
                assert _access(admin) == (["admin"], [], []), roles
                if target.has_role("admin"):
                    assert not (target.roles & set(CONTENT_ROLES) and target.site_ids) or \
                        before, (roles, target_name)
                db.session.rollback()


def test_an_administrator_cannot_change_their_own_access(people):
    admin = people["admin"]
    torino = db.session.scalar(select(Site).where(Site.code == "TO"))
    for roles, site_ids in ((["admin", "supervisor"], [torino.id]), (["admin"], [torino.id]),
                            (["desk"], [])):
        with pytest.raises(AccountError):
            services.update_access(admin, admin, **_values(roles, site_ids))
    assert db.session.scalar(select(AccessGrant)) is None
    # Name and languages are their own to change.
    services.update_access(admin, admin, **{**_values(["admin"]), "name": "New Name"})
    assert admin.name == "New Name"


def test_nobody_decides_on_their_own_request_or_account(people):
    admin, admin2, boss_to, boss_cn = (people[k] for k in ("admin", "admin2", "boss_to", "boss_cn"))
    torino = db.session.scalar(select(Site).where(Site.code == "TO"))
    # admin asks that admin2 become a supervisor of Torino as well.
    grant = services.update_access(admin, admin2, **_values(["admin", "supervisor"], [torino.id]))
    assert grant is not None and admin2.roles == {"admin"}
    for decider in (admin, admin2, boss_cn):
        assert not grant_services.may_decide(decider, grant), decider.email
        with pytest.raises(AccountError):
            grant_services.decide_grant(decider, grant, True, services.apply_granted)
    assert grant_services.visible_grants(admin) == []
    assert grant_services.visible_grants(boss_to) == [grant]
    grant_services.decide_grant(boss_to, grant, True, services.apply_granted)
    assert admin2.roles == {"admin", "supervisor"} and admin2.site_ids == {torino.id}
    actions = db.session.scalars(select(AuditLog.action).where(
        AuditLog.action.like("grant_%")).order_by(AuditLog.id)).all()
    assert actions == ["grant_requested", "grant_approved"]
    decided = db.session.get(AccessGrant, grant.id)
    assert (decided.requested_by_id, decided.decided_by_id) == (admin.id, boss_to.id)


def test_a_supervisor_who_is_also_administrator_grants_at_her_own_site_alone(make, people):
    both = make.user(email="both@example.test", roles=("admin", "supervisor"))
    torino = db.session.scalar(select(Site).where(Site.code == "TO"))
    desk = people["desk"]
    legal = next(t for t in torino.teams if t.kind == "legal")
    assert services.update_access(both, desk, **_values(["desk", "team"], [torino.id],
                                                        [legal.id])) is None
    assert desk.roles == {"desk", "team"}
    cuneo = db.session.scalar(select(Site).where(Site.code == "CN"))
    grant = services.update_access(both, desk, **_values(["desk", "team"],
                                                         [torino.id, cuneo.id], [legal.id]))
    assert grant is not None and desk.site_ids == {torino.id}, "not her site: it waits"


def test_taking_access_away_applies_at_once(people):
    admin, boss = people["admin"], people["boss_to"]
    assert services.update_access(admin, boss, **_values(["desk"], sorted(boss.site_ids))) is None
    assert boss.roles == {"desk"}


def test_the_command_line_refuses_an_administrator_who_sees_content(runner):
    result = runner.invoke(args=["desk", "create-user", "--email", "x@example.test", "--name",
                                 "X", "--role", "admin,desk", "--site", "TO",
                                 "--password", "a long enough secret 42"])
    assert result.exit_code != 0
    assert "does not see case content" in result.output
    assert db.session.scalar(select(User).where(User.email == "x@example.test")) is None


def test_the_waiting_request_shows_to_those_who_may_decide(people, auth, client):
    torino = db.session.scalar(select(Site).where(Site.code == "TO"))
    services.update_access(people["admin"], people["desk"], **_values(
        ["desk", "supervisor"], [torino.id]))
    db.session.commit()
    auth.login("s.to@example.test")
    dashboard = client.get("/supervision/").get_data(as_text=True)
    assert "/admin/grants" in dashboard
    page = client.get("/admin/grants").get_data(as_text=True)
    assert "d@example.test" in page
    auth.logout()
    auth.login("s.cn@example.test")
    assert "d@example.test" not in client.get("/admin/grants").get_data(as_text=True)
