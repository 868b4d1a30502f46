"""Lists and dates as the reader writes them: "A وB وC" in Arabic, "A、B和C" in Chinese; in
English at an Italian desk 17/06/2026, never the US 6/17/26; and what is printed for a person
shows hours and minutes, without seconds or the time zone's name."""

import re
from datetime import timedelta
from itertools import permutations

import pytest

from desk.common.clock import to_local
from desk.extensions import db
from desk.models.cases import Access
from desk.models.history import TimelineEvent
from desk.models.plan import Appointment
from desk.vocab.codes import NEEDS

from .casework import build_world, lbl
from .i18n_fixtures import catalogue_dir, translated  # noqa: F401
from .privacy_world import rich_person
from .test_supervision_data import access

BOSS = "boss@example.test"
ITALIAN_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                  "agosto", "settembre", "ottobre", "novembre", "dicembre")


@pytest.mark.parametrize("locale,expected", [
    ("ar", "العربية والإنجليزية والفرنسية"),
    ("zh", "阿拉伯语、英语和法语"),
    ("it", "arabo, inglese e francese"),
])
def test_a_persons_languages_are_listed_in_the_readers_language(make, auth, client, locale,
                                                                expected):
    make.user(email="op@example.test", roles=("desk",), locale=locale)
    person = make.person(languages=("ar", "fr", "en"))
    auth.login("op@example.test")
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert f"<dd>{expected}</dd>" in page


def test_needs_in_the_case_history_are_joined_the_arabic_way(make, auth, client):
    world = build_world(make)
    db.session.add(TimelineEvent(case_id=world.case.id, kind="access_recorded",
                                 actor_id=world.users["desk"].id,
                                 payload={"channel": "walk_in", "needs": ["documents", "housing"]}))
    db.session.commit()
    auth.login(world.email("mediator"))  # reads Arabic
    page = client.get(f"/cases/{world.case.id}").get_data(as_text=True)
    documents, housing = lbl(NEEDS, "documents", "ar"), lbl(NEEDS, "housing", "ar")
    assert f"<dd>{documents} و{housing}</dd>" in page


def test_needs_of_an_access_are_joined_the_chinese_way(make, auth, client, now):
    make.user(email=BOSS, roles=("supervisor",), locale="zh")
    case = make.case(referrals=["legal"])
    access(case.person, at=now - timedelta(days=1), needs=["housing", "work", "health"])
    auth.login(BOSS)
    page = client.get("/supervision/accesses").get_data(as_text=True)
    labels = [lbl(NEEDS, code, "zh") for code in ("housing", "work", "health")]
    assert any(f"<td>{a}、{b}和{c}</td>" in page for a, b, c in permutations(labels))


def test_admin_user_list_writes_dates_the_european_way_in_english(make, auth, client, now):
    make.user(email="adm@example.test", roles=("admin",), locale="en", sites=())
    other = make.user(email="op@example.test", roles=("desk",))
    other.last_login_at = now - timedelta(days=3)
    db.session.commit()
    auth.login("adm@example.test")
    page = client.get("/admin/users").get_data(as_text=True)
    local = to_local(other.last_login_at)
    assert f"<td>{local:%d/%m/%Y}, {local:%H:%M}</td>" in page
    assert f"{local.month}/{local.day}/{local:%y}" not in page
    assert " AM<" not in page and " PM<" not in page


@pytest.mark.parametrize("language,zone_names", [
    ("it", ("Ora legale", "Ora standard", "Europa")),
    ("en", ("Central European", "Time")),
    ("zh", ("中欧",)),
])
def test_slips_give_hours_and_minutes_without_seconds_or_time_zone(make, auth, client, now,
                                                                   language, zone_names):
    site = make.site("TO")
    make.user(email="op@example.test", roles=("desk",))
    person = make.person(site=site, languages=(language,))
    case = make.case(site=site, person=person, referrals=["legal"])
    starts = now + timedelta(days=1)
    appointment = Appointment(case_id=case.id, team_id=make.team(site, "legal").id,
                              starts_at=starts, duration_minutes=30)
    visit = Access(person_id=person.id, site_id=site.id, case_id=case.id, occurred_at=now,
                   channel="walk_in")
    db.session.add_all([appointment, visit])
    db.session.commit()
    auth.login("op@example.test")
    local = to_local(starts)
    for url in (f"/appointments/{appointment.id}/slip", f"/people/access/{visit.id}/slip"):
        page = client.get(url).get_data(as_text=True)
        slip = page.split('<article', 1)[1]
        assert f"{local:%H:%M}" in slip, url
        assert not re.search(r"\d:\d\d:\d\d", slip), url
        assert not any(name in slip for name in zone_names), url


def test_privacy_export_for_the_person_has_no_seconds(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki")
    auth.login(world.email("supervisor"))
    page = client.get(f"/privacy/people/{alice.person.id}/export").get_data(as_text=True)
    copy = page.split('class="slip panel export"', 1)[1]
    assert "2 mars 2026, 11:00" in copy  # the appointment, 10:00 UTC
    assert not re.search(r"\d:\d\d:\d\d", copy)


def test_anonymised_report_names_its_months(make, auth, client, today):
    make.site("TO")
    make.user(email=BOSS, roles=("supervisor",))
    auth.login(BOSS)
    page = client.get("/supervision/anonymised").get_data(as_text=True)
    months = re.search(r"<p>Mesi: (.*?)</p>", page).group(1)
    assert f"{ITALIAN_MONTHS[today.month - 1]} {today.year}" in months
    assert f"{today:%Y-%m}" not in months


def test_names_lists_and_dates_follow_a_locale_forced_inside_a_request(app):
    """A print in the person's language (force_locale) inside a page in the reader's: names,
    lists and dates switch with it and back (desk.common.i18n.current_locale)."""
    from datetime import date

    from flask_babel import force_locale

    from desk.common.i18n import format_date, join_words
    from desk.vocab.names import language_name

    def shown():
        return (language_name("de"), join_words(["A", "B"]),
                format_date(date(2026, 6, 17), "long"))

    with app.test_request_context("/"), force_locale("it"):
        before = shown()
        with force_locale("fr"):
            inside = shown()
        after = shown()
    assert before == after == ("tedesco", "A e B", "17 giugno 2026")
    assert inside == ("allemand", "A et B", "17 juin 2026")
