"""The counter end to end through the browser's eyes: search, register, access, route, slip."""

import re

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access, Case, Referral
from desk.models.history import TimelineEvent
from desk.models.people import Person

from .conftest import recorded_statements


@pytest.fixture
def operator(make, auth):
    user = make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    return user


def token_of(response) -> str:
    return re.search(r'name="form_token" type="hidden" value="([^"]+)"',
                     response.get_data(as_text=True)).group(1)


def intake_data(token, **extra):
    data = {"form_token": token, "channel": "walk_in", "urgency": "normal",
            "needs": ["documents", "language_barrier"], "teams": ["legal", "mediation"],
            "reason_legal": "documents", "priority_legal": "normal",
            "reason_mediation": "interpreting", "priority_mediation": "urgent",
            "reason_social": "assessment", "priority_social": "normal",
            "reason_health": "assessment", "priority_health": "normal",
            "description": "Permesso scaduto 😀 — يحتاج مساعدة"}
    data.update(extra)
    return data


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_whole_counter_flow(client, make, operator):
    response = client.get("/people/search?q=محمد")
    assert response.status_code == 200
    assert "Nobody found" in response.get_data(as_text=True)

    page = client.get("/people/new?q=Mohamed Ali")
    assert page.status_code == 200
    response = client.post("/people/new", data={
        "form_token": token_of(page), "given_name": "Mohamed", "family_name": "Ali",
        "given_name_original": "محمد", "family_name_original": "علي", "sex": "M",
        "birth": "1990", "nationality": "EG", "languages": ["ar"], "preferred_language": "ar",
        "interpreter_needed": "y", "phone": "333 123 4567", "privacy_notice_given": "y",
        "share_consent": "y", "notice_language": "ar",
    })
    assert response.status_code == 302, response.get_data(as_text=True)
    person = db.session.scalar(select(Person))
    assert person.phone == "+393331234567"
    assert f"/people/{person.id}/intake" in response.headers["Location"]

    found = client.get("/people/search?q=محمد").get_data(as_text=True)
    assert "Mohamed" in found and "1990" in found

    page = client.get(f"/people/{person.id}/intake")
    assert 'value="mediation" checked' in page.get_data(as_text=True).replace("\n", " ") or \
        "checked" in page.get_data(as_text=True)
    response = client.post(f"/people/{person.id}/intake", data=intake_data(token_of(page)))
    assert response.status_code == 302, response.get_data(as_text=True)
    access = db.session.scalar(select(Access))
    assert response.headers["Location"].endswith(f"/people/access/{access.id}/slip")
    case = db.session.scalar(select(Case))
    assert access.case_id == case.id and case.status == "open"
    referrals = db.session.scalars(select(Referral).order_by(Referral.id)).all()
    assert sorted(r.team.kind for r in referrals) == ["legal", "mediation"]
    urgent = next(r for r in referrals if r.team.kind == "mediation")
    assert (urgent.due_date - access.occurred_at.date()).days == 2
    kinds = [e.kind for e in db.session.scalars(select(TimelineEvent))]
    assert kinds.count("referral_made") == 2
    assert {"case_opened", "access_recorded"} <= set(kinds)

    slip = client.get(f"/people/access/{access.id}/slip")
    text = slip.get_data(as_text=True)
    assert slip.status_code == 200 and case.reference in text
    assert "Print the slip" in text
    printed = client.post(f"/people/access/{access.id}/slip/print")
    assert printed.status_code == 302 and "print=1" in printed.headers["Location"]
    actions = set(db.session.scalars(select(AuditLog.action)))
    assert {"view_slip", "print_slip"} <= actions


def test_desk_home_and_alias(client, make, operator):
    assert client.get("/desk/").status_code == 302
    page = client.get("/people/desk")
    assert page.status_code == 200
    assert 'name="q"' in page.get_data(as_text=True)


def test_second_intake_attaches_to_the_open_case(client, make, operator):
    person = make.person(site=make.site("TO"))
    for _ in range(2):
        page = client.get(f"/people/{person.id}/intake")
        response = client.post(f"/people/{person.id}/intake", data=intake_data(token_of(page)))
        assert response.status_code == 302
    assert count(Case) == 1
    assert count(Access) == 2
    assert {a.case_id for a in db.session.scalars(select(Access))} == {
        db.session.scalar(select(Case.id))}


def test_double_submission_creates_one_access(client, make, operator):
    person = make.person(site=make.site("TO"))
    token = token_of(client.get(f"/people/{person.id}/intake"))
    first = client.post(f"/people/{person.id}/intake", data=intake_data(token))
    second = client.post(f"/people/{person.id}/intake", data=intake_data(token))
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(Access) == 1 and count(Referral) == 2


def test_double_registration_creates_one_person(client, make, operator):
    token = token_of(client.get("/people/new"))
    data = {"form_token": token, "given_name": "Ana", "family_name": "Pop", "sex": "F",
            "privacy_notice_given": "y"}
    first = client.post("/people/new", data=data)
    second = client.post("/people/new", data=data)
    assert first.status_code == second.status_code == 302
    assert count(Person) == 1


def test_access_without_teams_records_information_only(client, make, operator):
    person = make.person(site=make.site("TO"))
    page = client.get(f"/people/{person.id}/intake")
    data = intake_data(token_of(page), teams=[], outcome="information", needs=["other"])
    response = client.post(f"/people/{person.id}/intake", data=data)
    assert response.status_code == 302
    assert count(Case) == 0
    assert db.session.scalar(select(Access.outcome)) == "information"


def test_suggest_button_ticks_teams_without_saving(client, make, operator):
    person = make.person(site=make.site("TO"))
    page = client.get(f"/people/{person.id}/intake")
    data = intake_data(token_of(page), teams=[], needs=["housing", "health"], suggest="1")
    response = client.post(f"/people/{person.id}/intake", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    checked = set(re.findall(r'<input checked[^>]*name="teams"[^>]*value="(\w+)"', html))
    checked |= set(re.findall(r'name="teams" type="checkbox" value="(\w+)" checked', html))
    assert checked == {"social", "health"}
    assert count(Access) == 0


def test_missing_needs_is_refused_and_keeps_input(client, make, operator):
    person = make.person(site=make.site("TO"))
    page = client.get(f"/people/{person.id}/intake")
    data = intake_data(token_of(page), needs=[], description="Tenere questo testo")
    response = client.post(f"/people/{person.id}/intake", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose at least one need" in html and "Tenere questo testo" in html
    assert count(Access) == 0


def test_routing_without_consent_is_refused_for_operator(client, make, operator):
    person = make.person(site=make.site("TO"), consent=False)
    page = client.get(f"/people/{person.id}/intake")
    response = client.post(f"/people/{person.id}/intake", data=intake_data(token_of(page)))
    assert response.status_code == 422
    assert "not agreed to share" in response.get_data(as_text=True)
    assert count(Access) == 0 and count(Case) == 0


def test_supervisor_may_override_consent_with_a_reason(client, make, auth):
    make.user(email="sup@example.test", roles=("supervisor",), sites=("TO",), locale="en")
    auth.login("sup@example.test")
    person = make.person(site=make.site("TO"), consent=False)
    page = client.get(f"/people/{person.id}/intake")
    refused = client.post(f"/people/{person.id}/intake", data=intake_data(token_of(page)))
    assert refused.status_code == 422
    page = client.get(f"/people/{person.id}/intake")
    data = intake_data(token_of(page), override_reason="Minore non accompagnato, urgente")
    response = client.post(f"/people/{person.id}/intake", data=data)
    assert response.status_code == 302
    event = db.session.scalar(select(TimelineEvent).where(TimelineEvent.kind == "consent_override"))
    assert event.payload["reason"] == "Minore non accompagnato, urgente"


@pytest.mark.parametrize("language,expected,direction", [
    ("ar", "ar", "rtl"), ("fr", "fr", "ltr"), ("ti", "ti", "ltr"), ("wo", "it", "ltr")])
def test_slip_is_in_the_persons_language_when_a_catalogue_exists(
        client, make, operator, language, expected, direction):
    person = make.person(site=make.site("TO"), languages=(language,))
    page = client.get(f"/people/{person.id}/intake")
    client.post(f"/people/{person.id}/intake", data=intake_data(token_of(page)))
    access = db.session.scalar(select(Access))
    html = client.get(f"/people/access/{access.id}/slip").get_data(as_text=True)
    assert f'<article class="slip panel" lang="{expected}" dir="{direction}">' in html
    assert '<html lang="en" dir="ltr">' in html  # the operator's page stays in their language


def test_desk_home_lists_todays_accesses_and_declined_referrals_until_rerouted(
        client, make, operator):
    from desk.common.clock import utcnow

    site = make.site("TO")
    person = make.person(site=site, given="Samira", family="Khalil")
    case = make.case(site=site, person=person, referrals=["legal"])
    referral = case.referrals[0]
    referral.status, referral.decline_reason, referral.declined_at = (
        "declined", "not_competent", utcnow())
    db.session.commit()
    home = client.get("/people/desk").get_data(as_text=True)
    assert "Samira Khalil" in home and "Route again" in home

    page = client.get(f"/people/{person.id}/intake")
    data = intake_data(token_of(page), needs=["housing"], teams=["social"],
                       reason_social="housing")
    assert client.post(f"/people/{person.id}/intake", data=data).status_code == 302
    home = client.get("/people/desk").get_data(as_text=True)
    assert "Route again" not in home
    assert "Samira Khalil" in home  # now among today's accesses
    assert db.session.scalar(select(Access.case_id)) == case.id


def test_desk_home_keeps_long_lists_short_oldest_declined_first_and_pages_accesses(
        client, make, operator, monkeypatch):
    """A busy desk: 55 declined referrals waiting and 60 accesses today. The home page lists
    the 50 declined referrals waiting longest (with the total), and today's accesses 50 per
    page; another site's referrals are neither listed nor counted."""
    from datetime import timedelta

    from desk.common.clock import utcnow

    site, other = make.site("TO"), make.site("CN")
    now = utcnow()
    for number in range(55):
        person = make.person(site=site, given="Declined", family=f"Person{number:02d}")
        referral = make.case(site=site, person=person, referrals=["legal"]).referrals[0]
        referral.status, referral.decline_reason = "declined", "not_competent"
        referral.declined_at = now - timedelta(days=100 - number)  # Person00 waits longest
        db.session.add(Access(person_id=person.id, site_id=site.id, channel="walk_in",
                              occurred_at=now - timedelta(seconds=number)))
    for number in range(5):
        elsewhere = make.case(site=other, person=make.person(site=other, family=f"Cuneo{number}"),
                              referrals=["legal"]).referrals[0]
        elsewhere.status, elsewhere.declined_at = "declined", now - timedelta(days=200)
        db.session.add(Access(person_id=elsewhere.case.person_id, site_id=other.id,
                              channel="walk_in", occurred_at=now))
    db.session.add(Access(person_id=person.id, site_id=site.id, channel="phone",
                          occurred_at=now - timedelta(days=1)))  # yesterday: not listed
    for number in range(5):
        make.person(site=site, family=f"Extra{number}")
    db.session.commit()

    home = client.get("/people/desk").get_data(as_text=True)
    declined, today = home.split('id="today"')
    assert "to route again <span class=\"muted\">(55)</span>" in declined
    assert "The 50 waiting longest are listed." in declined
    assert declined.count("Route again") == 50
    assert "Person00" in declined and "Person49" in declined and "Person50" not in declined
    assert "Cuneo" not in home
    assert "(55)" in today and "Page 1 of 2" in today
    second = client.get("/people/desk?page=2").get_data(as_text=True).split('id="today"')[1]
    assert "Page 2 of 2" in second and second.count("Declined Person") == 5
    # The latest first: page 2 holds the five earliest of today's accesses.
    assert "Person54" in second and "Person49" not in second

    # Beyond the cap the waiting are not counted one by one: the heading says "more than".
    monkeypatch.setattr("desk.counter.queries.DECLINED_COUNT_CAP", 54)
    declined = client.get("/people/desk").get_data(as_text=True).split('id="today"')[0]
    assert "to route again <span class=\"muted\">(more than 54)</span>" in declined
    assert declined.count("Route again") == 50
    monkeypatch.setattr("desk.counter.queries.DECLINED_COUNT_CAP", 55)
    declined = client.get("/people/desk").get_data(as_text=True).split('id="today"')[0]
    assert "to route again <span class=\"muted\">(55)</span>" in declined


def test_an_intake_reads_the_desks_teams_and_vocabularies_once(client, make, operator):
    """Four teams, each with its labels and needs, and the territory's vocabularies: read in
    one statement each, not one per team or per form field."""
    from desk.admin.vocab_services import set_code_retired
    from desk.models.sites import Site, Territory

    person = make.person(site=make.site("TO"), given="Amina", family="Diallo")
    territory = db.session.scalar(select(Territory).where(
        Territory.code == db.session.scalar(select(Site.province).where(Site.code == "TO"))))
    set_code_retired(operator, territory, "referral_reason", "assessment", True)
    db.session.commit()
    page = client.get(f"/people/{person.id}/intake")
    with recorded_statements() as seen:
        response = client.post(f"/people/{person.id}/intake", data=intake_data(
            token_of(page), reason_social="documents", reason_health="documents"))
    assert response.status_code == 302, response.get_data(as_text=True)
    reads = {table: len([s for s in seen if s.lstrip().startswith("SELECT")
                         and f"FROM {table} " in s])
             for table in ("team_label", "team_need", "vocab_code")}
    assert reads == {"team_label": 1, "team_need": 1, "vocab_code": 1}
