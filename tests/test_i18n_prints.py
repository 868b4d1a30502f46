"""What the person reads on paper, and the words a reader would stumble on: the Italian prints
address the person with the courteous "Lei", as the French and Spanish ones say vous and
usted; the mediation team is not "arbitration" in Urdu nor "dispute mediation" in Chinese;
the appointment slip gives the case number, not a web link."""

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale

from desk.extensions import db
from desk.models.cases import Access
from desk.models.plan import Appointment
from desk.vocab.codes import CASE_OUTCOMES, TEAM_KINDS, label

from .casework import build_world
from .i18n_fixtures import catalogue_dir, translated  # noqa: F401

INFORMAL = re.compile(r"\b(tu|tuo|tua|tuoi|tue|ti|te|puoi|porta|mostra|conserva|chiedi)\b",
                      re.I)


def _copy(page: str) -> str:
    """The sheet itself (what is printed for the person), as plain text."""
    sheet = page.split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", sheet)).replace("&#39;", "'")


@pytest.fixture
def prints(make, auth, now):
    """The slips and notices of one person who reads `language`, a mediation appointment
    with an interpreter booked on their case."""
    def build(language):
        site = make.site("TO")
        make.user(email="op@example.test", roles=("desk",))
        person = make.person(site=site, given="Amina", family="Diallo", languages=(language,))
        case = make.case(site=site, person=person, referrals=["legal"])
        appointment = Appointment(case_id=case.id, team_id=make.team(site, "mediation").id,
                                  starts_at=now + timedelta(days=1), duration_minutes=30)
        visit = Access(person_id=person.id, site_id=site.id, case_id=case.id, occurred_at=now,
                       channel="walk_in")
        db.session.add_all([appointment, visit])
        db.session.commit()
        auth.login("op@example.test")
        return {"visit": f"/people/access/{visit.id}/slip",
                "appointment": f"/appointments/{appointment.id}/slip",
                "notice": f"/people/{person.id}/privacy-notice",
                "reference": case.reference}
    return build


def test_italian_prints_address_the_person_as_lei(prints, client):
    urls = prints("it")
    visit = _copy(client.get(urls["visit"]).get_data(as_text=True))
    appointment = _copy(client.get(urls["appointment"]).get_data(as_text=True))
    notice = _copy(client.get(urls["notice"]).get_data(as_text=True))
    assert "Porta questo foglio" not in appointment
    assert "Porti questo foglio e i Suoi documenti" in appointment
    assert "Se non può venire, telefoni allo sportello" in appointment
    assert "Il Suo appuntamento" in appointment
    assert "La Sua visita allo sportello" in visit
    assert "Mostri questo foglio allo sportello" in visit
    assert "Come usiamo i Suoi dati personali" in notice
    assert "solo se Lei è d'accordo" in notice
    for sheet in (visit, appointment, notice):
        assert not INFORMAL.search(sheet), INFORMAL.search(sheet)


def test_italian_data_export_for_the_person_uses_lei(make, auth, client):
    world = build_world(make)
    world.case.person.preferred_language = "it"
    db.session.commit()
    auth.login(world.email("supervisor"))
    page = client.get(f"/privacy/people/{world.case.person.id}/export").get_data(as_text=True)
    copy = page.split('class="slip panel export"', 1)[1]
    assert "I dati che conserviamo su di Lei" in copy
    assert "Chi ha consultato o modificato la Sua scheda" in copy
    assert ">Tu<" not in copy
    assert "su di te" not in copy


def test_appointment_slip_gives_the_case_number_not_a_link(prints, client):
    urls = prints("uk")
    sheet = _copy(client.get(urls["appointment"]).get_data(as_text=True))
    assert f"Номер справи {urls['reference']}" in sheet
    assert "Посилання" not in sheet  # "a web link"


def test_arabic_appointment_slip_names_the_team_not_a_facility(prints, client):
    urls = prints("ar")
    sheet = _copy(client.get(urls["appointment"]).get_data(as_text=True))
    assert "الفريق" in sheet
    assert "المرفق" not in sheet


def test_urdu_mediation_is_not_arbitration(prints, client):
    urls = prints("ur")
    notice = _copy(client.get(urls["notice"]).get_data(as_text=True))
    slip = _copy(client.get(urls["appointment"]).get_data(as_text=True))
    assert "ثقافتی و لسانی معاونت" in notice
    assert "ثقافتی و لسانی معاونت" in slip  # the appointment's team
    assert "ثالثی" not in notice + slip


def test_chinese_team_names_are_the_services_of_an_integration_desk(app, prints, client):
    urls = prints("zh")
    notice = _copy(client.get(urls["notice"]).get_data(as_text=True))
    slip = _copy(client.get(urls["appointment"]).get_data(as_text=True))
    assert "社会服务" in notice
    assert "语言文化调解" in notice
    assert "语言文化调解" in slip
    with app.test_request_context("/"), force_locale("zh"):
        assert label(TEAM_KINDS, "social") == "社会服务"
        assert label(TEAM_KINDS, "mediation") == "语言文化调解"


def test_chinese_glossary_speaks_of_residence_registration_not_household_register(make, auth,
                                                                                   client):
    make.user(email="zh@example.test", roles=("team",), teams=("legal",), locale="zh")
    auth.login("zh@example.test")
    page = client.get("/glossary/").get_data(as_text=True)
    assert "居民登记（iscrizione anagrafica）" in page
    assert "户籍" not in page


def test_albanian_privacy_notice_agrees_with_its_plural_teams(prints, client):
    urls = prints("sq")
    notice = _copy(client.get(urls["notice"]).get_data(as_text=True))
    assert "Ekipet sociale, ligjore, shëndetësore" in notice
    assert "Ekipet social, ligjor" not in notice


def test_bengali_visit_slip_is_a_visit_not_a_meeting(prints, client):
    urls = prints("bn")
    sheet = _copy(client.get(urls["visit"]).get_data(as_text=True))
    assert "ডেস্কে আপনার আগমন" in sheet
    assert "সাক্ষাৎ" not in sheet


@pytest.mark.parametrize("locale,masculine", [("uk", "Переїхав"), ("ar", "انتقل إلى"),
                                              ("ur", "منتقل ہو گیا")])
def test_moved_away_does_not_assume_the_person_is_a_man(app, locale, masculine):
    with app.test_request_context("/"), force_locale(locale):
        outcome = label(CASE_OUTCOMES, "moved_away")
    assert masculine not in outcome
