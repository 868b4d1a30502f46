"""Team queues: what is in them, in which order, the filters, and where a declined referral
goes; the appointments diary per day and week."""

from datetime import date, datetime, timedelta

from sqlalchemy import select

from desk.extensions import db
from desk.models.cases import Referral, ReferralNeed
from desk.models.plan import Appointment
from desk.vocab.codes import NEEDS

from .casework import add_referral, build_world, lbl, tr


def _names_in_order(html, names):
    positions = {name: html.find(name) for name in names}
    assert all(p >= 0 for p in positions.values()), positions
    return sorted(names, key=positions.get)


def _case_for(make, w, given, **referral):
    person = make.person(site=w.site, given=given, family="Test", languages=("ur",))
    case = make.case(site=w.site, person=person)
    return add_referral(case, w.team("legal"), **referral)


def test_queue_lists_overdue_first_then_by_due_date(make, auth, client):
    w = build_world(make)
    db.session.delete(db.session.get(Referral, w.case.referrals[0].id))
    db.session.commit()
    _case_for(make, w, "Later", due_in=20)
    _case_for(make, w, "Overdue", due_in=-3)
    _case_for(make, w, "Soon", due_in=2, status="accepted", assignee=w.users["legal"])
    _case_for(make, w, "Done", due_in=1, status="completed")
    auth.login(w.email("legal"))
    html = client.get("/teams/legal/queue").get_data(as_text=True)
    assert _names_in_order(html, ["Later Test", "Overdue Test", "Soon Test"]) == [
        "Overdue Test", "Soon Test", "Later Test"]
    assert "Done Test" not in html
    assert f'<span class="badge overdue">{tr("Overdue")}</span>' in html


def test_queue_filters(make, auth, client):
    w = build_world(make)
    mine = _case_for(make, w, "Mine", status="accepted", assignee=w.users["legal"])
    _case_for(make, w, "Colleague", status="accepted", assignee=w.users["legal2"])
    housing = _case_for(make, w, "Hamid")
    db.session.add(ReferralNeed(referral_id=housing.id, need="housing"))
    db.session.commit()
    auth.login(w.email("legal"))

    def names(query):
        html = client.get(f"/teams/legal/queue?{query}").get_data(as_text=True)
        return {n for n in ("Mine", "Colleague", "Hamid", "Yusuf") if n in html}

    assert names("") == {"Mine", "Colleague", "Hamid", "Yusuf"}
    assert names("status=pending") == {"Hamid", "Yusuf"}
    assert names("assignee=me") == {"Mine"}
    assert names(f"assignee={w.users['legal2'].id}") == {"Colleague"}
    assert names("assignee=none") == {"Hamid", "Yusuf"}
    assert names("need=housing") == {"Hamid"}
    assert names("language=ar") == {"Yusuf"}
    assert mine.id


def test_each_queue_row_shows_its_own_needs_in_the_readers_language(make, auth, client):
    w = build_world(make)
    housing = _case_for(make, w, "Hamid")
    db.session.add_all([ReferralNeed(referral_id=housing.id, need="work"),
                        ReferralNeed(referral_id=housing.id, need="housing")])
    db.session.commit()
    auth.login(w.email("legal"))
    html = client.get("/teams/legal/queue").get_data(as_text=True)
    rows = {row.split('"', 1)[0]: row for row in html.split('<tr id="referral-')[1:]}
    housing_row = rows[str(housing.id)]
    assert lbl(NEEDS, "housing") in housing_row and lbl(NEEDS, "work") in housing_row
    others = [row for key, row in rows.items() if key != str(housing.id)]
    assert others and not any(lbl(NEEDS, "work") in row for row in others)


def test_declined_referral_returns_to_the_desk_and_leaves_the_queue(make, auth, client):
    w = build_world(make)
    referral = db.session.get(Referral, w.case.referrals[0].id)
    auth.login(w.email("legal"))
    response = client.post(f"/referrals/{referral.id}/decline", data={
        "reason": "not_competent", "text": "Serve il patronato", "version": referral.version})
    assert response.status_code == 302
    referral = db.session.get(Referral, referral.id)
    assert (referral.status, referral.decline_reason, referral.decline_text) == (
        "declined", "not_competent", "Serve il patronato")
    desk_list = db.session.scalars(select(Referral.id).where(
        Referral.status == "declined", Referral.rerouted_at.is_(None))).all()
    assert desk_list == [referral.id]
    assert "Yusuf" not in client.get("/teams/legal/queue").get_data(as_text=True)


def test_decline_with_other_needs_an_explanation(make, auth, client):
    w = build_world(make)
    referral = w.case.referrals[0]
    auth.login(w.email("legal"))
    response = client.post(f"/referrals/{referral.id}/decline",
                           data={"reason": "other", "version": referral.version})
    assert response.status_code == 422
    assert db.session.get(Referral, referral.id).status == "pending"


def test_accept_for_a_colleague_and_not_for_an_outsider(make, auth, client):
    w = build_world(make)
    referral = w.case.referrals[0]
    auth.login(w.email("legal"))
    response = client.post(f"/referrals/{referral.id}/accept", data={
        "assignee": w.users["social"].id, "version": referral.version})
    assert response.status_code == 422
    response = client.post(f"/referrals/{referral.id}/accept", data={
        "assignee": w.users["legal2"].id, "version": referral.version})
    assert response.status_code == 302
    assert db.session.get(Referral, referral.id).assignee_id == w.users["legal2"].id


def test_my_queue_goes_to_my_team_or_offers_a_choice(make, auth, client):
    w = build_world(make)
    auth.login(w.email("legal"))
    response = client.get("/teams/")
    assert response.status_code == 302 and "/teams/legal/queue" in response.headers["Location"]
    auth.logout()
    auth.login(w.email("supervisor"))
    html = client.get("/teams/").get_data(as_text=True)
    assert "/teams/legal/queue?site=TO" in html and "/teams/health/queue?site=TO" in html


def test_supervisor_of_two_sites_chooses_the_site(make, auth, client):
    w = build_world(make)
    make.user(email="both@example.test", roles=("supervisor",), sites=("TO", "CN"))
    cuneo = make.case(site=make.site("CN"), person=make.person(site=make.site("CN"),
                                                               given="Cuneese"),
                      referrals=("legal",))
    auth.login("both@example.test")
    assert "Yusuf" in client.get("/teams/legal/queue?site=TO").get_data(as_text=True)
    html = client.get("/teams/legal/queue?site=CN").get_data(as_text=True)
    assert "Cuneese" in html and "Yusuf" not in html
    assert cuneo.id and w.case.id


def test_appointments_by_day_and_week(make, auth, client):
    w = build_world(make)
    monday = date(2026, 11, 23)
    for offset, place in ((0, "Sala Lunedì"), (2, "Sala Mercoledì")):
        db.session.add(Appointment(case_id=w.case.id, team_id=w.team("legal").id,
                                   starts_at=datetime.combine(monday + timedelta(days=offset),
                                                              datetime.min.time()) +
                                   timedelta(hours=9), place=place))
    db.session.commit()
    auth.login(w.email("legal"))
    team = w.team("legal").id
    day = client.get(f"/teams/appointments?team={team}&day=2026-11-23&span=day")
    assert "Sala Lunedì" in day.get_data(as_text=True)
    assert "Sala Mercoledì" not in day.get_data(as_text=True)
    week = client.get(f"/teams/appointments?team={team}&day=2026-11-25&span=week")
    assert "Sala Lunedì" in week.get_data(as_text=True)
    assert "Sala Mercoledì" in week.get_data(as_text=True)
    other_team = client.get(f"/teams/appointments?team={w.team('health').id}&day=2026-11-23")
    assert "Sala Lunedì" in other_team.get_data(as_text=True)  # not legal's: falls back to legal
