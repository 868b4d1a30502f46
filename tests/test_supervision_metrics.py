"""Each dashboard figure on a data set with known answers (services, no HTTP)."""

from datetime import time, timedelta

import pytest

from desk.common.clock import today
from desk.supervision import flows, metrics

from .test_supervision_data import access, appointment, days_ago, referral, scope_for


@pytest.fixture
def torino(make):
    site = make.site("TO")
    boss = make.user(email="boss@example.test", roles=("supervisor",), sites=("TO",))
    return site, boss


def by_team(rows, kind):
    return next(r for r in rows if r["kind"] == kind)


def test_ageing_buckets_at_their_boundaries(make, torino):
    site, boss = torino
    case = make.case(site=site)
    for age in (0, 2, 3, 7, 8, 30, 31, 45):
        referral(make, case, "legal", created=age)
    # Made at the very first second of the day 2 days ago: still 2 days old, not 3.
    referral(make, case, "legal", created=2)
    r = referral(make, case, "legal", created=3)
    r.created_at = days_ago(3, time(23, 59, 59))
    # Closed referrals are not in the ageing, however old.
    referral(make, case, "legal", created=50, status="completed", accepted_after=1,
             completed_after=2)
    referral(make, case, "legal", created=50, status="declined", declined=40,
             reason="not_competent")

    legal = by_team(metrics.caseload(scope_for(boss))[0], "legal")

    assert (legal["age_0-2"], legal["age_3-7"], legal["age_8-30"], legal["age_31+"]) == (3, 3, 2, 2)
    assert legal["open"] == 10
    assert by_team(metrics.caseload(scope_for(boss))[0], "social")["open"] == 0


def test_overdue_means_due_date_passed_and_still_open(make, torino):
    site, boss = torino
    case = make.case(site=site)
    referral(make, case, "social", due_in=-1)                      # overdue
    referral(make, case, "social", due_in=-20, status="accepted")  # overdue
    referral(make, case, "social", due_in=0)                       # due today: not yet
    referral(make, case, "social", due_in=-5, status="completed")  # done: not overdue
    referral(make, case, "social", due_in=-5, status="declined")   # back at the desk

    social = by_team(metrics.caseload(scope_for(boss))[0], "social")

    assert social["overdue"] == 2
    assert (social["pending"], social["accepted"], social["open"]) == (2, 1, 3)


def test_caseload_per_worker(make, torino):
    site, boss = torino
    ada = make.user(email="ada@example.test", roles=("team",), teams=("legal",))
    bea = make.user(email="bea@example.test", roles=("team",), teams=("legal", "social"))
    case = make.case(site=site)
    for _ in range(3):
        referral(make, case, "legal", status="accepted", assignee=ada)
    referral(make, case, "legal", status="accepted", assignee=ada, due_in=-1)
    referral(make, case, "legal", status="completed", assignee=ada)
    referral(make, case, "legal", status="accepted", assignee=bea)
    referral(make, case, "social", status="accepted", assignee=bea)
    referral(make, case, "legal")
    referral(make, case, "legal")

    rows = {(r["assignee_id"], r["kind"]): (r["open"], r["overdue"])
            for r in metrics.caseload(scope_for(boss))[1]}

    assert rows == {
        (ada.id, "legal"): (4, 1),
        (bea.id, "legal"): (1, 0),
        (bea.id, "social"): (1, 0),
        (None, "legal"): (2, 0),
    }


def test_medians_with_odd_and_even_counts(make, torino):
    site, boss = torino
    case = make.case(site=site)
    for days in (10, 1, 2):  # odd: the middle one
        referral(make, case, "social", created=20, status="accepted", accepted_after=days)
    for days in (1, 10, 3, 2):  # even: the mean of the middle two
        referral(make, case, "legal", created=20, status="accepted", accepted_after=days)
    for days in (4, 6):
        referral(make, case, "social", created=20, status="completed", accepted_after=1,
                 completed_after=days)
    # Accepted before the period began: not counted.
    referral(make, case, "health", created=200, status="accepted", accepted_after=50)

    accepted = metrics.median_days(scope_for(boss), "accepted")
    completed = metrics.median_days(scope_for(boss), "completed")
    social, legal, health = (make.team(site, k).id for k in ("social", "legal", "health"))

    assert accepted[social] == (pytest.approx(1.0), 5)  # 1, 1, 1, 2, 10: the third
    assert accepted[legal] == (pytest.approx(2.5), 4)
    assert health not in accepted
    assert completed[social] == (pytest.approx(5.0), 2)


def test_median_of_a_single_referral_and_of_three(make, torino):
    site, boss = torino
    case = make.case(site=site)
    referral(make, case, "health", created=10, status="accepted", accepted_after=7)
    for days in (3, 9, 4):
        referral(make, case, "social", created=12, status="accepted", accepted_after=days)

    accepted = metrics.median_days(scope_for(boss), "accepted")

    assert accepted[make.team(site, "health").id] == (pytest.approx(7.0), 1)
    assert accepted[make.team(site, "social").id] == (pytest.approx(4.0), 3)


def test_period_filter_includes_both_edge_days_and_nothing_beyond(make, torino):
    site, boss = torino
    person = make.person(site=site)
    start, end = today() - timedelta(days=20), today() - timedelta(days=10)
    from datetime import datetime

    access(person, at=datetime.combine(start, time(0, 0)), needs=["housing"])
    access(person, at=datetime.combine(end, time(23, 59, 59)), needs=["housing", "work"])
    access(person, at=datetime.combine(start, time(0)) - timedelta(seconds=1), needs=["work"])
    access(person, at=datetime.combine(end + timedelta(days=1), time(0)), needs=["work"])

    scope = scope_for(boss, start=start, end=end)

    assert dict(flows.needs_by_category(scope)) == {"housing": 2, "work": 1}
    assert sum(n for _w, _c, n in flows.accesses_per_week(scope)) == 2


def test_accesses_per_week_by_channel(make, torino):
    site, boss = torino
    person = make.person(site=site)
    monday = today() - timedelta(days=today().weekday() + 14)
    from datetime import datetime

    for offset, channel in ((0, "walk_in"), (6, "walk_in"), (6, "phone"), (7, "phone")):
        access(person, at=datetime.combine(monday + timedelta(days=offset), time(9)),
               channel=channel)

    rows = flows.accesses_per_week(scope_for(boss))

    week1, week2 = monday.isoformat(), (monday + timedelta(days=7)).isoformat()
    assert rows == [(week1, "phone", 1), (week1, "walk_in", 2), (week2, "phone", 1)]


def test_needs_by_nationality_and_language(make, torino):
    site, boss = torino
    senegal = make.person(site=site, nationality="SN", languages=("fr",))
    pakistan = make.person(site=site, given="Ali", family="Khan", nationality="PK",
                           languages=("ur",))
    access(senegal, at=days_ago(3), needs=["housing", "work"])
    access(pakistan, at=days_ago(3), needs=["documents"], language="en")
    access(pakistan, at=days_ago(2), needs=["health"])

    scope = scope_for(boss)

    assert dict(flows.needs_by_nationality(scope)) == {"SN": 2, "PK": 2}
    # The language used at the access, else the person's preferred language.
    assert dict(flows.needs_by_language(scope)) == {"fr": 2, "en": 1, "ur": 1}


def test_interpreter_demand_in_mediator_hours(make, torino):
    site, boss = torino
    make.user(email="med@example.test", roles=("team",), teams=("mediation",), languages=("ar",))
    make.user(email="gone@example.test", roles=("team",), teams=("mediation",),
              languages=("ar",), active=False)
    case = make.case(site=site)
    team = make.team(site, "mediation")
    appointment(case, team, at=days_ago(5), minutes=90, interpreter="ar")
    appointment(case, team, at=days_ago(4), minutes=30, interpreter="ar")
    appointment(case, team, at=days_ago(4), minutes=45, interpreter="ur")
    appointment(case, team, at=days_ago(4), minutes=60)  # no interpreter
    appointment(case, team, at=days_ago(200), minutes=60, interpreter="ur")  # outside

    rows = {r["language"]: (r["appointments"], r["hours"], r["mediators"])
            for r in flows.interpreter_demand(scope_for(boss))}

    assert rows == {"ar": (2, 2.0, 1), "ur": (1, 0.75, 0)}


def test_appointments_attended_and_missed(make, torino):
    site, boss = torino
    case = make.case(site=site)
    health = make.team(site, "health")
    for outcome in ("attended", "attended", "no_show", None):
        appointment(case, health, at=days_ago(3), outcome=outcome)
    appointment(case, health, at=days_ago(300), outcome="no_show")

    rows = flows.appointment_outcomes(scope_for(boss))

    assert [(r["kind"], r["attended"], r["missed"], r["unrecorded"]) for r in rows] == [
        ("health", 2, 1, 1)]


def test_declined_referrals_by_reason_within_the_period(make, torino):
    site, boss = torino
    case = make.case(site=site)
    for reason in ("no_capacity", "no_capacity", "not_competent"):
        referral(make, case, "legal", created=5, status="declined", declined=4, reason=reason)
    referral(make, case, "legal", created=300, status="declined", declined=200,
             reason="not_competent")

    assert flows.declined_referrals(scope_for(boss)) == [("no_capacity", 2), ("not_competent", 1)]


def test_open_cases_count_only_open_and_in_progress(make, torino):
    site, boss = torino
    make.case(site=site)
    make.case(site=site, person=make.person(site=site, given="B"), status="in_progress")
    make.case(site=site, person=make.person(site=site, given="C"), status="closed")

    assert metrics.open_cases(scope_for(boss)) == [(site.id, "in_progress", 1),
                                                   (site.id, "open", 1)]


def test_site_filter_and_other_sites(make):
    torino, cuneo = make.site("TO"), make.site("CN")
    both = make.user(email="both@example.test", roles=("supervisor",), sites=("TO", "CN"))
    only_to = make.user(email="to@example.test", roles=("supervisor",), sites=("TO",))
    for site, count in ((torino, 2), (cuneo, 3)):
        case = make.case(site=site, person=make.person(site=site))
        for _ in range(count):
            referral(make, case, "legal")

    def legal_open(scope):
        return sum(r["open"] for r in metrics.caseload(scope)[0] if r["kind"] == "legal")

    assert legal_open(scope_for(both)) == 5
    assert legal_open(scope_for(both, sites=(cuneo.id,))) == 3
    assert legal_open(scope_for(only_to)) == 2
    # Even if asked for, another site's figures stay out of reach.
    assert legal_open(scope_for(only_to, sites=(cuneo.id,))) == 0


@pytest.fixture
def cached(app):
    from desk.extensions import cache

    cache.init_app(app, config={"CACHE_TYPE": "SimpleCache"})
    yield
    cache.init_app(app, config={"CACHE_TYPE": "NullCache", "CACHE_NO_NULL_WARNING": True})


def test_medians_are_read_back_until_a_referral_of_the_period_changes(make, torino, cached):
    from desk.extensions import db

    from .conftest import recorded_statements

    site, boss = torino
    case = make.case(site=site)
    social = make.team(site, "social").id
    made = [referral(make, case, "social", created=20, status="accepted", accepted_after=days)
            for days in (1, 4, 9)]
    assert metrics.median_days(scope_for(boss), "accepted")[social] == (pytest.approx(4.0), 3)
    with recorded_statements() as seen:
        again = metrics.median_days(scope_for(boss), "accepted")
    assert again[social] == (pytest.approx(4.0), 3)
    # Only counted again: no statement sorts the referrals' durations.
    assert not [s for s in seen if "FROM referral" in s and "ORDER BY" in s]
    assert [s for s in seen if "FROM figure_tally" in s]  # a supervisor's: from the tally

    # A correction that keeps the count: the middle referral accepted later than recorded.
    made[1].accepted_at = made[1].created_at + timedelta(days=6)
    db.session.commit()
    assert metrics.median_days(scope_for(boss), "accepted")[social] == (pytest.approx(6.0), 3)

    # A fourth referral accepted: the mean of the middle two.
    referral(make, case, "social", created=20, status="accepted", accepted_after=2)
    assert metrics.median_days(scope_for(boss), "accepted")[social] == (pytest.approx(4.0), 4)
