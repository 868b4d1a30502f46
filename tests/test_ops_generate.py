"""`flask desk generate`: synthetic data that respects the rules of the real flows."""

from sqlalchemy import func, select

from desk.common.clock import utcnow
from desk.counter.search_keys import name_key
from desk.extensions import db
from desk.models.cases import Access, Case, Referral
from desk.models.history import TimelineEvent
from desk.models.people import Person
from desk.models.sites import Team
from desk.models.users import User
from desk.sampledata.generate import staff_email
from desk.sampledata.names import ORIGINS
from desk.sampledata.tax_codes import base_form, tax_code


def _generate(runner, people=300, seed=7, *extra):
    result = runner.invoke(args=["desk", "generate", "--people", str(people), "--seed", str(seed),
                                 "--batch-size", "120", *extra])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_generate_adds_people_with_about_ten_events_each(runner):
    result = _generate(runner)
    assert "person: 300" in result.output
    assert _count(Person) == 300
    assert 7 <= _count(TimelineEvent) / 300 <= 14
    assert _count(Access) >= 300


def test_generated_names_come_in_many_scripts_with_searchable_keys(runner):
    _generate(runner)
    people = db.session.scalars(select(Person)).all()
    originals = [p for p in people if p.given_name_original]
    assert len(originals) > 30
    scripts = {ord(p.given_name_original[0]) // 0x100 for p in originals}
    assert len(scripts) >= 5  # Arabic, Cyrillic, Han, Bengali, Ethiopic, Georgian, ...
    for person in people:
        assert person.name_key == name_key(person.given_name, person.family_name,
                                           person.given_name_original, person.family_name_original)


def test_generated_people_and_demo_people_share_one_pool_of_names_and_tax_code_rules(runner):
    _generate(runner)
    pool = {origin.country: origin for origin in ORIGINS}
    people = db.session.scalars(select(Person)).all()
    for person in people:
        origin = pool[person.nationality]
        assert person.family_name in {latin for latin, _original in origin.family}
        assert person.family_name_original in {None, *(o for _l, o in origin.family)}
    coded = [p for p in people if p.tax_code]
    assert coded
    for person in coded:
        sex = "F" if person.sex == "F" else "M"
        assert base_form(person.tax_code) == tax_code(person.family_name, person.given_name,
                                           person.birth_date, sex, pool[person.nationality].belfiore)


def test_generated_states_follow_the_flows(runner):
    _generate(runner)
    statuses = set(db.session.scalars(select(Referral.status).distinct()))
    assert statuses == {"pending", "accepted", "completed", "declined"}
    assert set(db.session.scalars(select(Case.status).distinct())) == {"open", "in_progress",
                                                                      "closed"}
    open_with_work = db.session.scalar(
        select(func.count()).select_from(Referral).join(Case)
        .where(Case.status == "open", Referral.status.in_(("accepted", "completed"))))
    closed_with_open_work = db.session.scalar(
        select(func.count()).select_from(Referral).join(Case)
        .where(Case.status == "closed", Referral.status.in_(("pending", "accepted"))))
    assert open_with_work == 0 and closed_with_open_work == 0
    wrong_site = db.session.scalar(
        select(func.count()).select_from(Referral).join(Case).join(Team)
        .where(Team.site_id != Case.site_id))
    assert wrong_site == 0
    assert db.session.scalar(select(func.max(TimelineEvent.occurred_at))) <= utcnow()
    not_closed = db.session.execute(
        select(Case.person_id, Case.site_id, func.count()).where(Case.status != "closed")
        .group_by(Case.person_id, Case.site_id).having(func.count() > 1)).all()
    assert not_closed == []


def test_generate_is_reproducible_with_the_same_seed(runner, app):
    _generate(runner, people=50, seed=11)
    first = db.session.execute(select(Person.given_name, Person.family_name)
                               .order_by(Person.id)).all()
    _generate(runner, people=50, seed=11)
    second = db.session.execute(select(Person.given_name, Person.family_name)
                                .order_by(Person.id).offset(50)).all()
    assert first == second


def test_generate_creates_staff_who_can_sign_in(runner, client):
    _generate(runner, 20, 1, "--staff-password", "long-enough-password")
    email = staff_email("desk", 1, "TO")
    assert db.session.scalar(select(User).where(User.email == email)) is not None
    response = client.post("/auth/login", data={"email": email,
                                                "password": "long-enough-password"})
    assert response.status_code == 302


def test_generate_refuses_a_short_staff_password(runner):
    result = runner.invoke(args=["desk", "generate", "--people", "5", "--staff-password", "short"])
    assert result.exit_code != 0
    assert _count(Person) == 0


def test_generated_people_are_found_by_search_in_their_own_script(runner):
    """The generator fills the name search index as registration does."""
    from desk.auth.services import find_user_by_email
    from desk.counter.search import search_people

    _generate(runner, 60, 4, "--staff-password", "long-enough-password")
    person = db.session.scalars(select(Person).where(Person.family_name_original.is_not(None))
                                .order_by(Person.id)).first()
    operator = find_user_by_email(staff_email("desk", 1, "TO"))
    if person.site_id not in operator.site_ids:
        operator = find_user_by_email(staff_email("desk", 1, "CN"))
    for query in (person.family_name_original, f"{person.given_name} {person.family_name}"):
        _, hits = search_people(operator, query, limit=100)
        assert person.id in [hit.person.id for hit in hits], query


def test_generate_then_optimize_leave_the_planner_statistics_fresh(runner):
    """After a bulk load the planner knows the tables' sizes; `flask desk optimize` refreshes
    them on demand (after an upgrade or a restore)."""
    from sqlalchemy import text

    result = _generate(runner, people=50)
    assert "Planner statistics refreshed" in result.output
    if db.engine.dialect.name == "sqlite":
        analysed = db.session.scalar(text(
            "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'person_name_token'"))
    else:
        analysed = db.session.scalar(text(
            "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'person_name_token' "
            "AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)"))
    db.session.commit()
    assert analysed >= 1
    again = runner.invoke(args=["desk", "optimize"])
    assert again.exit_code == 0 and "Planner statistics refreshed" in again.output
