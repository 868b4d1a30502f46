"""`flask desk seed-demo`: a coherent demo desk, loaded once, whose accounts can sign in."""

from datetime import timedelta

import phonenumbers
import pytest
from sqlalchemy import func, select, text
from stdnum.it import codicefiscale

from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.cases import Access, Case, Referral
from desk.models.history import Note, NoteTranslation, TimelineEvent
from desk.models.people import Person, ResidenceDocument
from desk.sampledata.demo import ACCOUNTS, DEMO_PASSWORD, seed_demo
from desk.vocab.codes import REFERRAL_STATUSES

# The accounts DESIGN.md promises, with what each one is.
DESIGN_ACCOUNTS = {
    "operatore@demo.test": ({"desk"}, "it"),
    "mediatrice@demo.test": ({"team"}, "ar"),
    "mediateur@demo.test": ({"team"}, "fr"),
    "sociale@demo.test": ({"team"}, "it"),
    "legale@demo.test": ({"team"}, "it"),
    "sanitario@demo.test": ({"team"}, "it"),
    "supervisore@demo.test": ({"supervisor"}, "it"),
    "admin@demo.test": ({"admin"}, "en"),
    "coordinatrice@demo.test": ({"coordinator"}, "it"),
}


def _table_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(text(f'SELECT COUNT(*) FROM "{table.name}"'))
        for table in db.metadata.sorted_tables
    }


@pytest.fixture
def seeded(app, now):
    seed_demo(people=45, now=now)
    db.session.commit()


def test_seeding_twice_changes_nothing(app, now):
    first_summary = seed_demo(people=40, now=now)
    db.session.commit()
    first = _table_counts()
    second_summary = seed_demo(people=40, now=now)
    db.session.commit()
    assert _table_counts() == first
    assert first["person"] == 40
    assert second_summary["people_added"] == 0
    assert {k: v for k, v in second_summary.items() if k != "people_added"} == {
        k: v for k, v in first_summary.items() if k != "people_added"
    }


def test_cli_command_prints_counts_and_is_idempotent(runner):
    result = runner.invoke(args=["desk", "seed-demo", "--people", "25"])
    assert result.exit_code == 0, result.output
    assert "people: 25" in result.output
    again = runner.invoke(args=["desk", "seed-demo", "--people", "25"])
    assert again.exit_code == 0, again.output
    assert "people: 25" in again.output and "people_added: 0" in again.output


def test_every_design_account_signs_in_with_the_demo_password(app, client, auth):
    from desk.auth.services import find_user_by_email

    seed_demo(people=3)
    db.session.commit()
    for email, (roles, locale) in DESIGN_ACCOUNTS.items():
        user = find_user_by_email(email)
        assert (user.roles, user.locale) == (roles, locale)
        assert auth.login(email, DEMO_PASSWORD).status_code == 302, email
        assert client.get("/auth/me").status_code == 200, email
        auth.logout()
        assert client.get("/auth/me").status_code == 302


def test_accounts_have_their_sites_teams_and_languages(app):
    from desk.auth.services import find_user_by_email

    seed_demo(people=0)
    assert db.session.scalar(select(func.count()).select_from(Person)) == 0
    mediatrice = find_user_by_email("mediatrice@demo.test")
    assert [(t.kind, t.site.code) for t in mediatrice.teams] == [("mediation", "TO")]
    assert mediatrice.languages == ["ar", "fr", "it"]
    assert find_user_by_email("mediateur@demo.test").languages == ["fr", "it", "wo"]
    assert {s.code for s in find_user_by_email("supervisore@demo.test").sites} == {"TO", "CN"}
    cuneo_legal = find_user_by_email("legale.cuneo@demo.test")
    assert [(t.kind, t.site.code) for t in cuneo_legal.teams] == [("legal", "CN")]
    assert len(ACCOUNTS) == 13  # with the partner organisation's and the coordinator's
    assert find_user_by_email("coordinatrice@demo.test").observatory_scope == "region"


def test_referrals_exist_in_every_state_and_some_are_overdue(seeded):
    statuses = set(db.session.scalars(select(Referral.status).distinct()))
    assert statuses == set(REFERRAL_STATUSES)
    overdue = db.session.scalar(select(func.count()).select_from(Referral).where(
        Referral.status.in_(("pending", "accepted")), Referral.due_date < utcnow().date()))
    assert overdue > 0
    for referral in db.session.scalars(select(Referral)):
        if referral.status in ("accepted", "completed"):
            assert referral.assignee_id is not None
            assert referral.created_at < referral.accepted_at < utcnow()
        if referral.status == "completed":
            assert referral.accepted_at < referral.completed_at and referral.outcome
        if referral.status == "declined":
            assert referral.decline_reason and referral.declined_at > referral.created_at


def test_every_change_is_on_the_timeline(seeded):
    def events(kind):
        return db.session.scalar(select(func.count()).select_from(TimelineEvent)
                                 .where(TimelineEvent.kind == kind))

    def referrals(*statuses):
        return db.session.scalar(select(func.count()).select_from(Referral)
                                 .where(Referral.status.in_(statuses)))

    assert events("referral_made") == referrals(*REFERRAL_STATUSES)
    assert events("referral_accepted") == referrals("accepted", "completed")
    assert events("referral_completed") == referrals("completed")
    assert events("referral_declined") == referrals("declined")
    assert events("case_opened") == db.session.scalar(select(func.count()).select_from(Case))
    assert events("case_closed") == db.session.scalar(
        select(func.count()).select_from(Case).where(Case.status == "closed"))
    assert events("note") == db.session.scalar(select(func.count()).select_from(Note))


def test_people_look_like_the_people_a_desk_meets(seeded):
    people = db.session.scalars(select(Person)).all()
    assert all(person.name_key for person in people)
    arabic = [p for p in people if any("\u0600" <= c <= "\u06ff" for c in p.original_name)]
    assert arabic
    # The same name in several transcriptions, all written محمد in the original script.
    mohameds = {p.given_name for p in people if p.given_name_original == "محمد"}
    assert {"Mohamed", "Mohammed", "Muhammad"} <= mohameds
    tax_codes = [p.tax_code for p in people if p.tax_code]
    phones = [p.phone for p in people if p.phone]
    assert tax_codes and phones
    assert all(codicefiscale.is_valid(code) for code in tax_codes)
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(phone)) for phone in phones)
    without_sharing = [p for p in people if not any(
        c.purpose == "share_with_services" for c in p.consents)]
    assert 0 < len(without_sharing) < len(people) // 5
    assert all(c.language == p.preferred_language for p in people for c in p.consents)
    today = utcnow().date()
    soon = db.session.scalar(select(func.count()).select_from(ResidenceDocument).where(
        ResidenceDocument.expiry_date.between(today, today + timedelta(days=60))))
    assert soon > 0


def test_case_histories_are_coherent(seeded):
    not_closed = db.session.execute(
        select(Case.person_id, Case.site_id, func.count())
        .where(Case.status != "closed").group_by(Case.person_id, Case.site_id)
    ).all()
    assert not_closed and all(count == 1 for *_key, count in not_closed)
    now = utcnow()
    for case in db.session.scalars(select(Case)):
        times = db.session.scalars(select(TimelineEvent.occurred_at)
                                   .where(TimelineEvent.case_id == case.id)).all()
        assert min(times) >= case.opened_at and max(times) < now
        if case.status == "closed":
            assert case.closing_outcome and case.closed_at == max(times)
    for access in db.session.scalars(select(Access).where(Access.case_id.is_not(None))):
        assert access.occurred_at >= access.case.opened_at
    assert db.session.scalar(select(func.count()).select_from(Note)
                             .where(Note.visibility == "team")) > 0
    assert db.session.scalar(select(func.count()).select_from(NoteTranslation)) > 0


def test_demo_supervisor_signs_in_with_the_published_demo_code(app, client, runner):
    """The demo needs no authenticator app: `flask desk demo-code` gives the current code."""
    import re

    from desk.sampledata.demo import seed_demo

    seed_demo(people=0)
    db.session.commit()
    response = client.post("/auth/login", data={
        "email": "supervisore@demo.test", "password": "sportello-demo"})
    assert response.status_code == 302 and "/auth/two-factor" in response.headers["Location"]
    assert "setup" not in response.headers["Location"]  # already enrolled, no QR code to scan
    output = runner.invoke(args=["desk", "demo-code"]).output
    code = re.search(r"\b(\d{6})\b", output).group(1)
    response = client.post("/auth/two-factor", data={"code": code})
    assert response.status_code == 302
    assert client.get("/supervision/").status_code == 200


def test_demo_code_is_refused_in_production(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    from desk import create_app

    prod = create_app({"CONFIG": "production", "SECRET_KEY": "x" * 40,
                       "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    result = prod.test_cli_runner().invoke(args=["desk", "demo-code"])
    assert result.exit_code != 0


def _story(now) -> list:
    """Who the demo people are, what they needed and which teams their cases went to."""
    from desk.models.cases import AccessNeed
    from desk.models.sites import Team

    seed_demo(people=30, now=now)  # flushed, never committed: rolled back below
    db.session.flush()
    people = db.session.execute(select(Person.given_name, Person.family_name).order_by(Person.id))
    needs = db.session.execute(select(Access.person_id, AccessNeed.need).join(AccessNeed)
                               .order_by(Access.person_id, AccessNeed.need))
    teams = db.session.execute(select(Case.person_id, Team.kind).join(Referral, Referral.case_id == Case.id)
                               .join(Team, Team.id == Referral.team_id).order_by(Case.person_id, Team.kind))
    # People by their place in the demo, not their id (PostgreSQL's ids go on after a rollback).
    rank = {pid: n for n, pid in enumerate(db.session.scalars(select(Person.id).order_by(Person.id)))}
    story = [list(people), sorted({(rank[p], need) for p, need in needs}),
             sorted({(rank[p], kind) for p, kind in teams})]
    db.session.rollback()
    return story


def test_the_demo_tells_the_same_stories_whatever_the_date(app, now):
    """The demo's people, needs and routing do not depend on the day it is loaded (only how
    far each story has gone by then): a demo, a screenshot or a test reads the same desk."""
    first = _story(now)
    assert any(kind == "mediation" for _person, kind in first[2])
    for later in (timedelta(days=1, hours=13), timedelta(days=200), timedelta(days=400, hours=7)):
        assert _story(now + later) == first, later


def test_the_demo_territory_has_a_directory_and_a_partner_account(app):
    from desk.auth.services import find_user_by_email
    from desk.models.directory import Service
    from desk.models.external_referrals import PartnerMember
    from desk.network.directory_queries import ServiceFilter, find_services

    seed_demo(people=0)
    seed_demo(people=0)  # again: nothing doubles
    # 14 of the network, and the post offices and the Cuneo Questura of the procedure sheets.
    assert db.session.scalar(select(func.count()).select_from(Service)) == 17
    partner = find_user_by_email("partner@demo.test")
    assert partner.roles == {"partner"} and not partner.sites
    assert db.session.get(PartnerMember, partner.id).organisation.province == "TO"
    operator = find_user_by_email("operatore@demo.test")
    with app.test_request_context():
        shelters = find_services(operator, ServiceFilter(
            needs=["housing"], language="ar", weekday=3, kind="third_sector"))
    assert {s.organisation.name for s in shelters} == {
        "Casa Sant'Anselmo — Accoglienza", "Associazione Dar al-Salam"}
