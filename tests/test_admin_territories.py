"""Administration of territories: an administrator sets up a territory, its sites and teams,
their service levels and vocabularies from the browser; every change is audited, nothing is
deleted, bad input is refused with a message, and the desk's forms follow the configuration."""

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Referral
from desk.models.sites import Site, Team, Territory
from desk.models.vocabulary import VocabCode
from desk.vocab.codes import REFERRAL_REASONS, TEAM_KINDS, label

from .test_intake_flow import intake_data, token_of


def audit_actions():
    return db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()


@pytest.fixture
def admin(make, auth):
    make.site("TO")
    user = make.user(email="adm@example.test", roles=("admin",), locale="en", sites=())
    auth.login("adm@example.test")
    return user


def create_alessandria(client):
    """The done-when of the issue, step by step as an administrator does it in the browser."""
    response = client.post("/admin/territories/new", data={
        "code": "al", "name": "Alessandria", "region": "Piemonte"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert "/admin/sites/new?province=AL" in response.headers["Location"]
    response = client.post("/admin/sites/new", data={
        "code": "AL", "name": "Alessandria — Sportello Unico", "province": "AL",
        "address": "Via Milano 2, 15121 Alessandria", "phone": "0131 515111",
        "opening_hours": "lun-ven 9-13", "teams": ["social", "legal", "health", "mediation"]})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    site = db.session.scalar(select(Site).where(Site.code == "AL"))
    response = client.post(f"/admin/sites/{site.id}/teams/new", data={
        "kind": "employment", "label_it": "Lavoro", "label_en": "Employment",
        "label_fr": "Emploi"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return site


def test_admin_of_a_new_territory_creates_its_site_and_teams_and_the_slip_shows_the_address(
        admin, make, auth, client):
    site = create_alessandria(client)
    assert sorted(team.kind for team in site.teams) == [
        "employment", "health", "legal", "mediation", "social"]
    assert db.session.scalar(select(Territory).where(Territory.code == "AL")).region == "Piemonte"
    page = client.get("/admin/territories").get_data(as_text=True)
    assert "Alessandria" in page and "AL — Alessandria — Sportello Unico" in page
    assert audit_actions()[-3:] == ["territory_create", "site_create", "team_create"]

    auth.logout()
    make.user(email="op.al@example.test", roles=("desk",), sites=("AL",), locale="en")
    auth.login("op.al@example.test")
    person = make.person(site=site, languages=("fr",))
    form = client.get(f"/people/{person.id}/intake")
    assert 'value="employment"' in form.get_data(as_text=True)  # the site's own team is offered
    response = client.post(f"/people/{person.id}/intake", data=intake_data(
        token_of(form), teams=["legal", "employment"], reason_employment="work",
        priority_employment="normal"))
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    slip = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Via Milano 2, 15121 Alessandria" in slip and "0131 515111" in slip
    kinds = {r.team.kind for r in db.session.scalars(select(Referral))}
    assert kinds == {"legal", "employment"}


ROUTES = [
    ("get", "/admin/territories"), ("get", "/admin/territories/new"),
    ("post", "/admin/territories/new"), ("get", "/admin/territories/1"),
    ("post", "/admin/territories/1/retired"), ("get", "/admin/sites/new"),
    ("get", "/admin/sites/1"), ("post", "/admin/sites/1"), ("post", "/admin/sites/1/retired"),
    ("get", "/admin/sites/1/teams/new"), ("get", "/admin/teams/1"), ("post", "/admin/teams/1"),
    ("post", "/admin/teams/1/retired"), ("get", "/admin/territories/1/vocabularies"),
    ("post", "/admin/territories/1/vocabularies/need/housing"),
]


@pytest.mark.parametrize("roles,teams", [
    (("desk",), ()), (("team",), ("legal",)), (("team",), ("mediation",)), (("supervisor",), ()),
])
@pytest.mark.parametrize("method,path", ROUTES)
def test_configuration_pages_are_refused_to_every_other_role(make, auth, client, roles, teams,
                                                             method, path):
    make.user(email="someone@example.test", roles=roles, teams=teams)
    auth.login("someone@example.test")
    assert getattr(client, method)(path).status_code == 403


def test_configuration_pages_need_sign_in(client):
    response = client.get("/admin/territories")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("path,data,message", [
    ("/admin/territories/new", {"code": "TO", "name": "Torino"}, "already exists"),
    ("/admin/territories/new", {"code": "A1", "name": "X"}, "two letters"),
    ("/admin/sites/new", {"code": "TO", "name": "Doppio", "province": "TO"}, "already exists"),
    ("/admin/sites/new", {"code": "to sud!", "name": "X", "province": "TO"}, "capital letters"),
])
def test_bad_configuration_input_is_refused_with_a_message_and_nothing_written(
        admin, client, path, data, message):
    before = (db.session.scalar(select(func.count()).select_from(Site)),
              db.session.scalar(select(func.count()).select_from(Territory)))
    response = client.post(path, data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert (db.session.scalar(select(func.count()).select_from(Site)),
            db.session.scalar(select(func.count()).select_from(Territory))) == before


def test_a_site_in_an_unknown_territory_is_refused(admin, client):
    response = client.post("/admin/sites/new", data={"code": "XX", "name": "X", "province": "XX"})
    assert response.status_code == 422 and db.session.scalar(
        select(Site).where(Site.code == "XX")) is None


def test_a_duplicate_team_code_is_refused(admin, make, client):
    site = make.site("TO")
    response = client.post(f"/admin/sites/{site.id}/teams/new",
                           data={"kind": "legal", "label_it": "Legale bis"})
    assert response.status_code == 422
    assert "already has a team with the code legal" in response.get_data(as_text=True)
    assert [t.kind for t in site.teams].count("legal") == 1


def test_a_team_needs_a_site(admin, runner):
    result = runner.invoke(args=["desk", "team", "ZZ", "housing", "--label", "it=Casa"])
    assert result.exit_code != 0 and "A team belongs to a site" in result.output
    assert db.session.scalar(select(Team).where(Team.kind == "housing")) is None


def test_site_details_change_and_are_audited_with_before_and_after(admin, make, client):
    site = make.site("TO")
    response = client.post(f"/admin/sites/{site.id}", data={
        "name": site.name, "province": "TO", "address": "Via Bologna 51, Torino",
        "phone": "011 442", "opening_hours": "lun 9-12"})
    assert response.status_code == 302
    db.session.refresh(site)
    assert (site.address, site.phone) == ("Via Bologna 51, Torino", "011 442")
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "site_update"))
    assert row.detail["before"]["address"] is None
    assert row.detail["after"]["address"] == "Via Bologna 51, Torino"


def test_retiring_keeps_the_records_and_stops_new_referrals(admin, make, auth, client):
    site = make.site("TO")
    legal = make.team(site, "legal")
    case = make.case(site=site, referrals=("legal",))
    response = client.post(f"/admin/teams/{legal.id}/retired", data={"retired": "1"})
    assert response.status_code == 302
    db.session.refresh(legal)
    assert legal.retired_at is not None
    assert db.session.scalar(select(func.count()).select_from(Referral).where(
        Referral.case_id == case.id)) == 1
    auth.logout()
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    person = make.person(site=site, given="Nuova")
    page = client.get(f"/people/{person.id}/intake").get_data(as_text=True)
    assert 'name="teams" type="checkbox" value="social"' in page
    assert 'name="teams" type="checkbox" value="legal"' not in page
    assert "team_retire" in audit_actions()


def test_routing_and_due_dates_follow_the_configuration(admin, make, auth, client, today):
    site = make.site("TO")
    social, legal = make.team(site, "social"), make.team(site, "legal")
    housing = client.post(f"/admin/sites/{site.id}/teams/new",
                          data={"kind": "housing", "label_it": "Casa", "label_en": "Housing"})
    assert housing.status_code == 302
    housing = db.session.scalar(select(Team).where(Team.kind == "housing"))
    assert client.post(f"/admin/teams/{housing.id}", data={
        "label_it": "Casa", "label_en": "Housing", "needs": ["housing"],
        "days_urgent": "1", "days_normal": "4"}).status_code == 302
    social_needs = [n for n in social.routed_needs if n != "housing"]
    assert client.post(f"/admin/teams/{social.id}", data={"needs": social_needs}).status_code == 302
    assert client.post(f"/admin/teams/{legal.id}", data={
        "needs": legal.routed_needs, "days_normal": "3"}).status_code == 302

    auth.logout()
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    person = make.person(site=site, given="Casa")
    form = client.get(f"/people/{person.id}/intake")
    suggested = client.post(f"/people/{person.id}/intake", data=intake_data(
        token_of(form), needs=["housing", "documents"], suggest="1"))
    body = suggested.get_data(as_text=True)
    ticked = set(re.findall(r'<input checked id="teams-\d+" name="teams" type="checkbox" '
                            r'value="(\w+)"', body))
    assert ticked == {"housing", "legal"}
    response = client.post(f"/people/{person.id}/intake", data=intake_data(
        token_of(form), needs=["housing", "documents"], teams=["housing", "legal"],
        reason_housing="housing", priority_housing="normal"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    due = {r.team.kind: r.due_date for r in db.session.scalars(select(Referral))}
    assert due == {"housing": today + timedelta(days=4), "legal": today + timedelta(days=3)}
    needs = {r.team.kind: r.needs for r in db.session.scalars(select(Referral))}
    assert needs == {"housing": ["housing"], "legal": ["documents"]}


def test_nothing_configured_keeps_the_built_in_routing_and_service_levels(make, app, today):
    from desk.counter.intake_services import due_date
    from desk.counter.routing import SiteRouting, suggest_teams

    site = make.site("TO")
    for needs in (["housing", "documents"], ["health", "violence"], ["other"]):
        assert SiteRouting(site.teams).suggest_teams(needs, True) == suggest_teams(needs, True)
    days = app.config["REFERRAL_DUE_DAYS"]
    with app.test_request_context():
        assert due_date(make.team(site, "legal"), "urgent") == today + timedelta(days["urgent"])


@pytest.mark.parametrize("data,message", [
    ({"days_urgent": "400"}, "Between 0 and 365 days"),
    ({"days_normal": "-1"}, "Between 0 and 365 days"),
    ({"needs": ["no_such_need"]}, "is not a valid choice"),
])
def test_bad_team_settings_are_refused(admin, make, client, data, message):
    legal = make.team(make.site("TO"), "legal")
    response = client.post(f"/admin/teams/{legal.id}", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert legal.service_levels == [] and legal.need_rows == []


def _retire(client, territory, vocabulary, code):
    response = client.post(f"/admin/territories/{territory.id}/vocabularies/{vocabulary}/{code}",
                           data={"retired": "1"})
    assert response.status_code == 302


def test_a_retired_code_is_refused_in_the_form_with_a_message(admin, make, auth, client):
    site = make.site("TO")
    territory = db.session.scalar(select(Territory).where(Territory.code == "TO"))
    _retire(client, territory, "need", "italian_course")
    _retire(client, territory, "referral_reason", "documents")
    auth.logout()
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    person = make.person(site=site)
    form = client.get(f"/people/{person.id}/intake")
    assert 'value="italian_course"' not in form.get_data(as_text=True)
    response = client.post(f"/people/{person.id}/intake", data=intake_data(
        token_of(form), needs=["italian_course"], teams=[]))
    assert response.status_code == 422
    assert "is no longer used in this territory" in response.get_data(as_text=True)
    response = client.post(f"/people/{person.id}/intake", data=intake_data(token_of(form)))
    assert response.status_code == 422  # reason_legal=documents, retired
    assert "The reason “Help with documents and permits” is no longer used" in \
        response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Referral)) == 0


def test_a_retired_code_still_reads_on_old_records_in_every_locale(admin, make, auth, client, app):
    from desk.common.i18n import LOCALES
    from desk.models.users import User

    site = make.site("TO")
    case = make.case(site=site, referrals=("legal",))
    referral = case.referrals[0]
    territory = db.session.scalar(select(Territory).where(Territory.code == "TO"))
    _retire(client, territory, "referral_reason", referral.reason)
    assert db.session.scalar(select(VocabCode).where(VocabCode.code == referral.reason)).retired_at
    auth.logout()
    supervisor = make.user(email="sup@example.test", roles=("supervisor",), sites=("TO",))
    auth.login("sup@example.test")
    for locale in LOCALES:
        db.session.get(User, supervisor.id).locale = locale
        db.session.commit()
        with app.test_request_context(), force_locale(locale):
            expected = label(REFERRAL_REASONS, referral.reason)
        page = client.get(f"/cases/{case.id}").get_data(as_text=True)
        assert expected in page, locale


def test_a_local_need_is_added_with_its_labels_offered_and_read(admin, make, auth, client):
    site = make.site("TO")
    territory = db.session.scalar(select(Territory).where(Territory.code == "TO"))
    url = f"/admin/territories/{territory.id}/vocabularies"
    refused = client.post(url, data={"code": "housing", "label_it": "Casa"})
    assert refused.status_code == 422 and "already exists" in refused.get_data(as_text=True)
    refused = client.post(url, data={"code": "seasonal_work", "label_en": "Seasonal work"})
    assert refused.status_code == 422 and "Italian label" in refused.get_data(as_text=True)
    assert client.post(url, data={"code": "seasonal_work", "label_it": "Lavoro stagionale",
                                  "label_en": "Seasonal work"}).status_code == 302
    assert "vocab_add" in audit_actions()
    auth.logout()
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    person = make.person(site=site)
    form = client.get(f"/people/{person.id}/intake").get_data(as_text=True)
    assert 'value="seasonal_work"' in form and "Seasonal work" in form


def test_team_names_per_locale_fall_back_to_italian_then_the_catalogue(admin, make, client, app):
    site = make.site("TO")
    client.post(f"/admin/sites/{site.id}/teams/new", data={"kind": "employment",
                                                          "label_it": "Lavoro"})
    team = db.session.scalar(select(Team).where(Team.kind == "employment"))
    legal = make.team(site, "legal")
    client.post(f"/admin/teams/{legal.id}", data={"label_ar": "الفريق القانوني",
                                                  "needs": legal.routed_needs})
    with app.test_request_context():
        with force_locale("fr"):
            assert team.label == "Lavoro"
            assert legal.label == label(TEAM_KINDS, "legal")
        with force_locale("ar"):
            assert legal.label == "الفريق القانوني"


def test_cli_sets_up_a_territory_site_and_team(runner, make):
    result = runner.invoke(args=["desk", "territory", "AL", "--name", "Alessandria",
                                 "--region", "Piemonte"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["desk", "site", "AL", "--name", "Sportello AL", "--province", "AL",
                                 "--address", "Via Milano 2"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["desk", "team", "AL", "employment", "--label", "it=Lavoro",
                                 "--needs", "work", "--days", "urgent=1,normal=5"])
    assert result.exit_code == 0, result.output
    team = db.session.scalar(select(Team).where(Team.kind == "employment"))
    assert team.routed_needs == ["work"] and team.due_days("normal") == 5
    again = runner.invoke(args=["desk", "site", "AL", "--name", "Altro", "--province", "AL"])
    assert again.exit_code == 0
    dup = runner.invoke(args=["desk", "territory", "al", "--name", "Alessandria"])
    assert dup.exit_code == 0  # an existing territory is changed, not duplicated
    assert db.session.scalar(select(func.count()).select_from(Territory).where(
        Territory.code == "AL")) == 1
    retired = runner.invoke(args=["desk", "vocab", "AL", "need", "other", "--retire"])
    assert retired.exit_code != 0 and "always offered" in retired.output
    assert {"territory_create", "site_create", "team_create", "team_update"} <= set(audit_actions())


def test_a_retired_outcome_is_refused_when_completing_a_referral(make, auth, client, app):
    from desk.vocab.codes import REFERRAL_OUTCOMES

    from .casework import add_referral, build_world

    w = build_world(make)
    referral = add_referral(w.case, w.team("legal"), status="accepted", assignee=w.users["legal"])
    territory = db.session.scalar(select(Territory).where(Territory.code == w.site.province))
    make.user(email="adm@example.test", roles=("admin",), locale="en", sites=())
    auth.login("adm@example.test")
    _retire(client, territory, "referral_outcome", "refused")
    auth.logout()
    auth.login(w.email("legal"))
    page = client.get(f"/referrals/{referral.id}/complete").get_data(as_text=True)
    assert 'value="refused"' not in page and 'value="resolved"' in page
    response = client.post(f"/referrals/{referral.id}/complete", data={
        "outcome": "refused", "version": referral.version})
    assert response.status_code == 422
    locale = w.users["legal"].locale or "it"
    with app.test_request_context(), force_locale(locale):
        shown = label(REFERRAL_OUTCOMES, "refused")
    assert shown in response.get_data(as_text=True)  # named in the refusal (merge: translated)
    assert db.session.get(Referral, referral.id).status == "accepted"


def test_a_retired_site_is_no_longer_offered_for_new_accounts(admin, make, client):
    site = make.site("CN")
    offered = f'name="sites" type="checkbox" value="{site.id}"'
    assert offered in client.get("/admin/users/new").get_data(as_text=True)
    assert client.post(f"/admin/sites/{site.id}/retired", data={"retired": "1"}).status_code == 302
    assert offered not in client.get(
        "/admin/users/new").get_data(as_text=True)
    assert client.post(f"/admin/sites/{site.id}/retired", data={"retired": "0"}).status_code == 302
    assert audit_actions()[-2:] == ["site_retire", "site_restore"]
