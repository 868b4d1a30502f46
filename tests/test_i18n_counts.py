"""A number and the words next to it agree, in each language's plural forms: "tra 1 giorno",
"21 хвилина" / "22 хвилини", "1 invio spostato", "1 caso aperto"."""

from datetime import timedelta

import pytest

from desk.auth.password_policy import password_problem
from desk.extensions import db
from desk.models.people import ResidenceDocument
from desk.models.plan import Appointment

from .casework import build_world
from .i18n_fixtures import catalogue_dir, translated  # noqa: F401
from .test_supervision_data import appointment, days_ago, referral

BOSS = "boss@example.test"


def test_expiring_permits_say_one_day_and_several_days(make, auth, client, today):
    world = build_world(make)
    person = world.case.person
    person.documents.append(ResidenceDocument(doc_type="work_employed", number="AB1234",
                                              expiry_date=today + timedelta(days=1)))
    # Someone else: a person's later permit replaces an earlier one (people.permits).
    other = make.person(site=world.site, given="Lin", family="Wei")
    make.case(site=world.site, person=other, referrals=("legal",))
    other.documents.append(ResidenceDocument(doc_type="study", number="CD5678",
                                             expiry_date=today + timedelta(days=5)))
    db.session.commit()
    auth.login(world.email("legal"))
    page = client.get("/teams/legal/expiring").get_data(as_text=True)
    assert "scade tra 1 giorno" in page
    assert "scade tra 5 giorni" in page
    assert "1 giorni" not in page
    assert "nei prossimi 60 giorni" in page


def test_appointment_slip_gives_the_duration_in_the_persons_plural_forms(make, auth, client,
                                                                         now):
    site = make.site("TO")
    make.user(email="op@example.test", roles=("desk",))
    person = make.person(site=site, given="Olena", family="Kovalenko", nationality="UA",
                         languages=("uk",))
    case = make.case(site=site, person=person, referrals=["legal"])
    legal = make.team(site, "legal")
    slips = [Appointment(case_id=case.id, team_id=legal.id, starts_at=now + timedelta(days=1),
                         duration_minutes=minutes) for minutes in (21, 22, 25)]
    db.session.add_all(slips)
    db.session.commit()
    auth.login("op@example.test")
    pages = [client.get(f"/appointments/{a.id}/slip").get_data(as_text=True) for a in slips]
    assert "21 хвилина" in pages[0]
    assert "22 хвилини" in pages[1]
    assert "25 хвилин" in pages[2]


def test_moving_one_referral_says_one_referral(make, auth, client):
    site = make.site("TO")
    make.user(email=BOSS, roles=("supervisor",))
    ada = make.user(email="ada@example.test", roles=("team",), teams=("legal",))
    bea = make.user(email="bea@example.test", roles=("team",), teams=("legal",))
    moved = referral(make, make.case(site=site), "legal", status="accepted", accepted_after=0,
                     assignee=ada)
    auth.login(BOSS)
    response = client.post("/supervision/referrals/reassign", data={
        "referral": [moved.id], "assignee": bea.id, f"version-{moved.id}": moved.version,
        "back": f"/supervision/referrals?team={moved.team_id}"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 invio spostato." in page
    assert "1 invii" not in page


def test_dashboard_headline_agrees_with_each_of_its_numbers(make, auth, client):
    site = make.site("TO")
    make.user(email=BOSS, roles=("supervisor",))
    make.user(email="med@example.test", roles=("team",), teams=("mediation",), languages=("ar",))
    case = make.case(site=site, referrals=["legal"])
    appointment(case, make.team(site, "mediation"), at=days_ago(2), interpreter="ar", minutes=60)
    auth.login(BOSS)
    page = client.get("/supervision/").get_data(as_text=True)
    assert "</a>caso aperto</li>" in page
    assert "</a>invio aperto</li>" in page
    assert "</a>invii in ritardo</li>" in page  # none is late: 0 takes the plural in Italian
    assert "team più carico: 1 invio aperto" in page
    assert "1 mediatore" in page
    assert "casi aperti</li>" not in page and "1 mediatori" not in page


@pytest.mark.parametrize("locale,minimum,expected", [
    ("uk", 22, "Пароль має містити щонайменше 22 символи."),
    ("uk", 21, "Пароль має містити щонайменше 21 символ."),
    ("it", 1, "La password deve avere almeno 1 carattere."),
])
def test_password_rules_count_characters_in_the_readers_plural_forms(app, locale, minimum,
                                                                      expected):
    app.config["PASSWORD_MIN_LENGTH"] = minimum
    with app.test_request_context(headers={"Accept-Language": locale}):
        assert password_problem("") == expected
