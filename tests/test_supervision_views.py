"""The supervision pages over HTTP: who may open them, filters, drill-down, reassignment."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.common.clock import today
from desk.extensions import db
from desk.models.cases import Referral
from desk.models.history import TimelineEvent

from .test_supervision_data import access, appointment, days_ago, referral

BOSS = "boss@example.test"


@pytest.fixture
def desk_data(make):
    """A supervisor of Torino, two legal workers, referrals, accesses and appointments."""
    site = make.site("TO")
    make.site("CN")
    make.user(email=BOSS, roles=("supervisor",), sites=("TO",), locale="en")
    ada = make.user(email="ada@example.test", roles=("team",), teams=("legal",))
    bea = make.user(email="bea@example.test", roles=("team",), teams=("legal",))
    case = make.case(site=site)
    refs = [referral(make, case, "legal", status="accepted", accepted_after=0, assignee=ada,
                     created=4) for _ in range(2)]
    referral(make, case, "legal", created=40, due_in=-3)
    access(case.person, at=days_ago(3), needs=["housing"], channel="phone")
    appointment(case, make.team(site, "mediation"), at=days_ago(2), interpreter="ar",
                minutes=60, outcome="attended")
    return {"site": site, "case": case, "ada": ada, "bea": bea, "refs": refs}


def supervision_urls(app):
    """Every route of the supervision area, with sample arguments."""
    samples = {"key": "all", "fmt": "csv", "what": "referrals"}
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("supervision.") or rule.endpoint == "supervision.static":
            continue
        method = "POST" if "POST" in rule.methods else "GET"
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **{a: samples[a] for a in rule.arguments})
        urls.append((method, url))
    return urls


def test_every_supervision_route_is_listed(app):
    urls = {u for _m, u in supervision_urls(app)}
    assert {"/supervision/", "/supervision/referrals", "/supervision/cases",
            "/supervision/accesses", "/supervision/appointments",
            "/supervision/referrals/reassign", "/supervision/export/all.csv",
            "/supervision/referrals.csv", "/supervision/anonymised",
            "/supervision/anonymised.csv"} <= urls


@pytest.mark.parametrize("roles,teams", [
    (("desk",), ()), (("team",), ("legal",)), (("team",), ("mediation",)), (("admin",), ()),
])
def test_non_supervisors_get_403_on_every_supervision_route(app, make, auth, client, roles,
                                                             teams):
    make.user(email="who@example.test", roles=roles, teams=teams)
    auth.login("who@example.test")
    for method, url in supervision_urls(app):
        response = client.open(url, method=method)
        assert response.status_code == 403, (method, url)


def test_signed_out_visitors_are_sent_to_sign_in(app, client):
    for method, url in supervision_urls(app):
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_dashboard_shows_figures_charts_and_links(desk_data, auth, client):
    auth.login(BOSS)
    page = client.get("/supervision/")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<svg" in body and "<table" in body
    assert "/supervision/referrals?" in body and "overdue=1" in body
    assert "Diallo" not in body  # no names on the dashboard


@pytest.mark.parametrize("query", [
    "start=31-02-2026", "start=2026-13-01", "end=yesterday", "start=2026-05-01&end=2026-04-01",
    "site=99999", "start=1800-01-01&end=2026-01-01", "page=abc", "site=abc",
])
def test_bad_filter_gives_a_message_not_an_error(desk_data, auth, client, query):
    auth.login(BOSS)
    for url in ("/supervision/", "/supervision/referrals", "/supervision/cases",
                "/supervision/accesses", "/supervision/appointments",
                "/supervision/anonymised"):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 422), url
        if "site=" in query and "anonymised" in url:
            assert response.status_code == 200  # the territory decides the sites
        elif "page=" not in query:
            assert response.status_code == 422
            assert 'class="error"' in response.get_data(as_text=True)


def test_bad_filter_on_an_export_returns_to_the_dashboard(desk_data, auth, client):
    auth.login(BOSS)
    response = client.get("/supervision/export/all.csv?start=2026-99-01")
    assert response.status_code == 302


def test_rtl_locale_renders_mirrored_charts(make, desk_data, auth, client):
    make.user(email="arabic@example.test", roles=("supervisor",), locale="ar")
    auth.login("arabic@example.test")
    body = client.get("/supervision/").get_data(as_text=True)
    assert 'dir="rtl"' in body and "<svg" in body


def test_drill_down_lists_what_the_number_counts(desk_data, auth, client):
    auth.login(BOSS)
    team = desk_data["refs"][0].team_id
    body = client.get(f"/supervision/referrals?team={team}&overdue=1").get_data(as_text=True)
    assert "1 result" in body
    ada = desk_data["ada"].id
    body = client.get(f"/supervision/referrals?team={team}&assignee={ada}&state=open"
                      ).get_data(as_text=True)
    assert "2 results" in body
    body = client.get("/supervision/accesses?channel=phone&need=housing").get_data(as_text=True)
    assert "1 result" in body
    body = client.get("/supervision/appointments?interpreter=ar").get_data(as_text=True)
    assert "1 result" in body
    assert "1 result" in client.get("/supervision/cases?status=open").get_data(as_text=True)


def test_drill_down_never_shows_another_sites_referrals(make, desk_data, auth, client):
    cuneo = make.site("CN")
    other = make.case(site=cuneo, person=make.person(site=cuneo, family="Elsewhere"))
    referral(make, other, "legal")
    auth.login(BOSS)
    cn_team = make.team(cuneo, "legal").id
    body = client.get(f"/supervision/referrals?team={cn_team}").get_data(as_text=True)
    assert "Elsewhere" not in body and "0 results" in body


def reassign(client, refs, assignee, team):
    data = {"referral": [r.id for r in refs], "assignee": assignee.id,
            "back": f"/supervision/referrals?team={team}"}
    data.update({f"version-{r.id}": r.version for r in refs})
    return client.post("/supervision/referrals/reassign", data=data)


def test_reassignment_moves_several_referrals_and_writes_the_timeline(desk_data, auth, client):
    refs, bea = desk_data["refs"], desk_data["bea"]
    auth.login(BOSS)
    response = reassign(client, refs, bea, refs[0].team_id)
    assert response.status_code == 302
    moved = db.session.scalars(select(Referral).where(Referral.id.in_([r.id for r in refs])))
    assert {r.assignee_id for r in moved} == {bea.id}
    events = db.session.scalars(
        select(TimelineEvent).where(TimelineEvent.kind == "referral_reassigned")).all()
    assert sorted(e.payload["referral_id"] for e in events) == sorted(r.id for r in refs)
    assert all(e.payload["assignee_id"] == bea.id for e in events)


def test_reassignment_to_someone_outside_the_team_moves_nothing(make, desk_data, auth, client):
    refs = desk_data["refs"]
    social = make.user(email="soc@example.test", roles=("team",), teams=("social",))
    auth.login(BOSS)
    response = reassign(client, refs, social, refs[0].team_id)
    assert response.status_code == 422
    assert {db.session.get(Referral, r.id).assignee_id for r in refs} == {desk_data["ada"].id}
    assert db.session.scalar(select(TimelineEvent).where(
        TimelineEvent.kind == "referral_reassigned")) is None


def test_reassignment_is_all_or_nothing_across_sites(make, desk_data, auth, client):
    cuneo = make.site("CN")
    make.user(email="cn@example.test", roles=("team",), teams=("legal",), sites=("CN",))
    elsewhere = referral(make, make.case(site=cuneo, person=make.person(site=cuneo)), "legal",
                         status="accepted")
    refs = desk_data["refs"]
    auth.login(BOSS)
    response = reassign(client, [*refs, elsewhere], desk_data["bea"], refs[0].team_id)
    assert response.status_code == 422
    assert {db.session.get(Referral, r.id).assignee_id for r in refs} == {desk_data["ada"].id}


def test_reassignment_of_a_referral_changed_meanwhile_is_refused(desk_data, auth, client):
    refs = desk_data["refs"]
    stale = refs[0]
    stale.version = stale.version  # what the page showed
    shown = stale.version
    stale.assignee_id = desk_data["bea"].id
    db.session.commit()
    auth.login(BOSS)
    data = {"referral": [stale.id], "assignee": desk_data["bea"].id,
            f"version-{stale.id}": shown, "back": "/supervision/referrals"}
    response = client.post("/supervision/referrals/reassign", data=data)
    assert response.status_code == 409


def test_team_list_offers_the_teams_workers_for_reassignment(desk_data, auth, client):
    auth.login(BOSS)
    team = desk_data["refs"][0].team_id
    body = client.get(f"/supervision/referrals?team={team}").get_data(as_text=True)
    assert 'name="assignee"' in body and "User" in body
    assert 'action="/supervision/referrals/reassign"' in body


def test_dashboard_period_is_validated_and_kept(desk_data, auth, client):
    auth.login(BOSS)
    start = (today() - timedelta(days=5)).isoformat()
    body = client.get(f"/supervision/?start={start}").get_data(as_text=True)
    assert f'value="{start}"' in body


def test_looking_at_a_list_is_audited(desk_data, auth, client):
    from desk.models.audit import AuditLog

    auth.login(BOSS)
    client.get("/supervision/referrals?state=open")
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "view",
                                                   AuditLog.object_type == "supervision_referrals"))
    assert row is not None and row.detail["filter"]["state"] == "open"


def test_site_filter_of_a_supervisor_of_two_sites(make, auth, client):
    torino, cuneo = make.site("TO"), make.site("CN")
    make.user(email="two@example.test", roles=("supervisor",), sites=("TO", "CN"), locale="en")
    for site, count in ((torino, 2), (cuneo, 3)):
        case = make.case(site=site, person=make.person(site=site))
        for _ in range(count):
            referral(make, case, "legal")
    auth.login("two@example.test")

    def open_referrals(query=""):
        body = client.get(f"/supervision/referrals?state=open{query}").get_data(as_text=True)
        return body

    assert "5 results" in open_referrals()
    assert "3 results" in open_referrals(f"&site={cuneo.id}")
    dashboard = client.get(f"/supervision/?site={cuneo.id}").get_data(as_text=True)
    assert f'<option selected value="{cuneo.id}">' in dashboard
    assert f"site={cuneo.id}" in dashboard  # the drill-down links keep the site


def test_a_site_that_is_not_mine_is_refused_with_a_message(make, desk_data, auth, client):
    cuneo = make.site("CN")
    auth.login(BOSS)
    response = client.get(f"/supervision/referrals?site={cuneo.id}")
    assert response.status_code == 422
    assert "Choose one of your sites" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", [
    "/supervision/referrals?team=99999999999999999999999&assignee=-1&age=zzz&reached=x",
    "/supervision/referrals?team=abc&state=nonsense&overdue=maybe&reason=%3Cscript%3E",
    "/supervision/accesses?week=2026-02-30&channel=x&need=y&nationality=" + "X" * 300,
    "/supervision/appointments?team=-5&outcome=x&interpreter=" + "a" * 300,
    "/supervision/cases?status=%27%20OR%201%3D1",
    "/supervision/referrals.csv?team=99999999999999999999999",
])
def test_odd_drill_down_filters_never_break_a_list(desk_data, auth, client, url):
    auth.login(BOSS)
    assert client.get(url).status_code == 200


def test_odd_reassignment_input_moves_nothing(desk_data, auth, client):
    ref = desk_data["refs"][0]
    auth.login(BOSS)
    for data in ({"referral": ["99999999999999999999"], "assignee": "1"},
                 {"referral": [str(ref.id)], f"version-{ref.id}": str(ref.version),
                  "assignee": "99999999999999999"},
                 {"referral": ["abc"], "assignee": "x"}, {}):
        response = client.post("/supervision/referrals/reassign", data=data)
        assert response.status_code == 422, data
    assert client.get("/supervision/referrals?page=99999999999999999999").status_code == 200
