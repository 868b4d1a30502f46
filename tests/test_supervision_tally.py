"""The dashboard's access tally: accesses per week and needs by category, nationality and
language read from it are the figures of the raw rows (and of the drill-down lists), whatever
changed them: an intake at the counter, edits of accesses and people, deletion, erasure, bulk
generation. A change rolled back leaves no trace in it."""

from collections import Counter

import pytest
from sqlalchemy import func, select, true

from desk.extensions import db
from desk.models.cases import Access, AccessNeed
from desk.models.people import Person
from desk.models.tally import AccessTally
from desk.privacy.erasure import pseudonymise_person
from desk.supervision import drilldown, flows, tally_writes
from desk.supervision.tally import contributions

from .test_intake_flow import intake_data, token_of
from .test_supervision_data import access, days_ago, scope_for

FIGURES = (flows.accesses_per_week, flows.needs_by_category, flows.needs_by_nationality,
           flows.needs_by_language)


def stored() -> Counter:
    """The access tally as this transaction sees it (what it changed counted in)."""
    tally_writes.write_pending(db.session)
    return Counter({(r.site_id, r.dimension, r.day, r.code): r.count
                    for r in db.session.scalars(select(AccessTally))})


def assert_tally_right():
    """Every count of the tally equals the one counted afresh from the raw rows."""
    tally = stored()
    assert +tally == +contributions(db.session.connection(), true())
    assert min(tally.values(), default=0) >= 0


def figures(scope):
    return [query(scope) for query in FIGURES]


def raw_figures(scope, monkeypatch):
    """The same figures counted from the accesses, as for a user who does not see the site."""
    with monkeypatch.context() as patch:
        patch.setattr(flows, "_tallied", lambda *_: None)
        return figures(scope)


def listed(scope, **args) -> int:
    query = drilldown.access_list(scope, args)
    return db.session.scalar(select(func.count()).select_from(query.subquery()))


@pytest.fixture
def world(make):
    site = make.site("TO")
    boss = make.user(email="boss@example.test", roles=("supervisor",), sites=("TO",))
    amina = make.person(site=site, nationality="SN", languages=("fr",))
    omar = make.person(site=site, given="Omar", family="Khan", nationality="PK",
                       languages=("ur",))
    nobody = make.person(site=site, given="Ivan", family="Petrenko", nationality=None,
                         languages=())
    return {"site": site, "boss": boss, "amina": amina, "omar": omar, "nobody": nobody}


def test_an_intake_at_the_counter_shows_in_the_figures_and_their_lists(make, auth, client,
                                                                      world, monkeypatch):
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    person = world["amina"]
    for _ in range(2):
        page = client.get(f"/people/{person.id}/intake")
        assert client.post(f"/people/{person.id}/intake",
                           data=intake_data(token_of(page))).status_code == 302
    scope = scope_for(world["boss"])
    assert figures(scope) == raw_figures(scope, monkeypatch)
    assert dict(flows.needs_by_category(scope)) == {"documents": 2, "language_barrier": 2}
    assert dict(flows.needs_by_nationality(scope)) == {"SN": 4}
    for need, count in flows.needs_by_category(scope):
        assert listed(scope, need=need) == count
    ((week, channel, count),) = flows.accesses_per_week(scope)
    assert listed(scope, week=week, channel=channel) == count == 2
    assert_tally_right()


def test_editing_a_person_moves_their_needs_to_the_new_nationality_and_language(world,
                                                                               monkeypatch):
    amina = world["amina"]
    access(amina, at=days_ago(3), needs=["housing", "work"])
    access(amina, at=days_ago(40), needs=["health"], language="it")
    access(world["omar"], at=days_ago(3), needs=["housing"])
    scope = scope_for(world["boss"])
    assert dict(flows.needs_by_nationality(scope)) == {"SN": 3, "PK": 1}
    amina.nationality, amina.preferred_language = "PK", "ar"
    db.session.commit()
    assert dict(flows.needs_by_nationality(scope)) == {"PK": 4}
    assert dict(flows.needs_by_language(scope)) == {"ar": 2, "it": 1, "ur": 1}
    amina.nationality = None
    db.session.commit()
    assert dict(flows.needs_by_nationality(scope)) == {None: 3, "PK": 1}
    assert listed(scope, nationality="none") == 2
    assert figures(scope) == raw_figures(scope, monkeypatch)
    assert_tally_right()


def test_changed_needs_channels_days_and_deleted_accesses_are_followed(world, monkeypatch):
    first = access(world["amina"], at=days_ago(3), needs=["housing", "work"])
    second = access(world["omar"], at=days_ago(10), needs=["housing"], channel="phone")
    access(world["nobody"], at=days_ago(20), needs=["documents"])
    first.need_rows = [AccessNeed(need="health")]
    db.session.commit()
    assert_tally_right()
    first.channel, first.language_used, first.occurred_at = "phone", "en", days_ago(30)
    second.person_id = world["nobody"].id
    db.session.commit()
    assert_tally_right()
    db.session.delete(db.session.get(AccessNeed, (second.id, "housing")))
    db.session.commit()
    assert_tally_right()
    db.session.delete(second)
    db.session.commit()
    assert_tally_right()
    scope = scope_for(world["boss"])
    assert dict(flows.needs_by_category(scope)) == {"health": 1, "documents": 1}
    assert figures(scope) == raw_figures(scope, monkeypatch)


def test_a_change_rolled_back_leaves_the_tally_as_it_was(world):
    access(world["amina"], at=days_ago(3), needs=["housing"])
    before = stored()
    db.session.add(Access(person_id=world["omar"].id, site_id=world["site"].id,
                          occurred_at=days_ago(1), channel="walk_in",
                          need_rows=[AccessNeed(need="work")]))
    db.session.flush()
    db.session.rollback()
    after = stored()
    assert after == before
    assert_tally_right()


def test_erasure_leaves_the_figures_unchanged(world, monkeypatch):
    access(world["amina"], at=days_ago(3), needs=["housing", "work"], language="fr")
    access(world["omar"], at=days_ago(5), needs=["documents"])
    scope = scope_for(world["boss"])
    shown = figures(scope)
    pseudonymise_person(world["boss"], db.session.get(Person, world["amina"].id))
    db.session.commit()
    assert figures(scope) == shown == raw_figures(scope, monkeypatch)
    assert_tally_right()


def test_generated_data_comes_with_its_tally(runner, app):
    result = runner.invoke(args=["desk", "generate", "--people", "250", "--seed", "3",
                                 "--batch-size", "100"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert db.session.scalar(select(func.count()).select_from(AccessTally)) > 0
    assert_tally_right()


def test_optimize_recounts_a_tally_that_rows_written_around_the_app_left_behind(world, runner):
    """Accesses inserted by hand in SQL bypass the app: `flask desk optimize --recount-tally`
    counts the tally again from the accesses."""
    from sqlalchemy import insert

    access(world["amina"], at=days_ago(2), needs=["housing"])
    db.session.execute(insert(Access).values(person_id=world["omar"].id,
                                             site_id=world["site"].id, channel="phone",
                                             occurred_at=days_ago(1)))
    db.session.commit()
    with pytest.raises(AssertionError):
        assert_tally_right()
    result = runner.invoke(args=["desk", "optimize", "--recount-tally"])
    assert result.exit_code == 0, result.output
    assert "tally counted again" in result.output
    assert_tally_right()


@pytest.mark.parametrize("roles,sites,asked,sees", [
    (("supervisor",), ("TO",), ("TO",), True),
    (("desk",), ("TO",), ("TO",), True),
    (("supervisor",), ("TO",), ("TO", "CN"), False),
    (("supervisor",), ("TO", "CN"), ("CN",), True),
    (("team",), ("TO",), ("TO",), False),
    (("admin",), ("TO",), ("TO",), False),
    (("supervisor",), ("TO",), (), False),
])
def test_only_whole_site_viewers_read_the_tally(make, roles, sites, asked, sees):
    from desk.policy import sees_all_of_sites

    ids = {code: make.site(code).id for code in ("TO", "CN")}
    teams = ("legal",) if "team" in roles else ()
    user = make.user(email="who@example.test", roles=roles, sites=sites, teams=teams)
    assert sees_all_of_sites(user, [ids[code] for code in asked]) is sees
