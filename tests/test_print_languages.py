"""The language of what is printed for a person: the first of the person's languages that has a
print catalogue (a UI locale or a print-only one), else Italian and English; the operator can
choose another on every print; a print-only catalogue not yet reviewed by a native speaker is
marked as such to the operator, and a desk can switch those off. Prints carry the desk's
details and the person's name in both scripts, in the culture's order; the privacy notice has
every element of GDPR art. 13."""

import re
from datetime import timedelta

import pytest

from desk.extensions import db
from desk.models.cases import Access
from desk.models.plan import Appointment
from scripts import print_catalogues
from scripts.catalogues import PRINT_TRANSLATIONS_DIR, entries, is_todo, load

from .i18n_fixtures import catalogue_dir, translated  # noqa: F401

ETHIOPIC = re.compile(r"[\u1200-\u139f]")


def _sheets(page: str) -> list[tuple[str, str]]:
    """Each printed copy as (its lang attribute, its plain text)."""
    found = re.findall(r'<article class="[^"]*slip[^"]*" lang="([^"]+)"[^>]*>(.*?)</article>', page, re.S)
    return [(lang, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#39;", "'"))
            for lang, body in found]


def _preview(page: str) -> str:
    """What the operator sees around the sheets (the sheets left out)."""
    return re.sub(r"<article.*?</article>", "", page, flags=re.S)


@pytest.fixture
def prints(make, auth, now):
    """The three prints of one person, as an operator of the Torino desk sees them."""
    def build(languages, given="Amina", family="Diallo", original=None, nationality="SN"):
        site = make.site("TO")
        site.address = "Via Garibaldi 1, 10122 Torino"
        site.phone = "011 123 4567"
        site.opening_hours = "lun–ven 9:00–13:00"
        make.user(email="op@example.test", roles=("desk",))
        person = make.person(site=site, given=given, family=family, original=original,
                             nationality=nationality, languages=languages)
        case = make.case(site=site, person=person, referrals=["legal"])
        appointment = Appointment(case_id=case.id, team_id=make.team(site, "mediation").id,
                                  starts_at=now + timedelta(days=1), duration_minutes=5)
        visit = Access(person_id=person.id, site_id=site.id, case_id=case.id, occurred_at=now,
                       channel="walk_in")
        db.session.add_all([appointment, visit])
        db.session.commit()
        auth.login("op@example.test")
        return {"visit": f"/people/access/{visit.id}/slip",
                "appointment": f"/appointments/{appointment.id}/slip",
                "notice": f"/people/{person.id}/privacy-notice",
                "site": site, "person": person, "access": visit}
    return build


def test_a_wolof_speaker_who_reads_french_gets_french_prints(prints, client):
    urls = prints(("wo", "fr"))
    for name in ("visit", "appointment", "notice"):
        page = client.get(urls[name]).get_data(as_text=True)
        sheets = _sheets(page)
        assert [lang for lang, _ in sheets] == ["fr"], name
        assert "print-unreviewed" not in page
    visit = _sheets(client.get(urls["visit"]).get_data(as_text=True))[0][1]
    assert "Votre passage au guichet" in visit


def test_a_tigrinya_speaker_gets_a_tigrinya_slip_marked_not_reviewed(prints, client):
    urls = prints(("ti",), given="Yohannes", family="Tesfamariam", original=("ዮሃንስ", "ተስፋማርያም"),
                  nationality="ER")
    for name in ("visit", "appointment", "notice"):
        page = client.get(urls[name]).get_data(as_text=True)
        [(lang, sheet)] = _sheets(page)
        assert lang == "ti"
        assert ETHIOPIC.search(sheet), name
        assert "ዮሃንስ ተስፋማርያም" in sheet and "Yohannes Tesfamariam" in sheet
        preview = _preview(page)
        assert 'data-unreviewed="ti"' in preview
        assert "Non revisionata da un madrelingua" in preview  # in the operator's Italian
        assert "revisionata" not in sheet  # the mark is for the operator, not on the paper
    visit = _sheets(client.get(urls["visit"]).get_data(as_text=True))[0][1]
    assert "ናብ ቤት ጽሕፈት ዝገበርኩምዎ ምብጻሕ" in visit  # "Your visit to the desk"


def test_a_desk_that_switches_unreviewed_languages_off_prints_italian_and_english(prints, client):
    urls = prints(("ti",))
    urls["site"].unreviewed_prints = False
    db.session.commit()
    page = client.get(urls["visit"]).get_data(as_text=True)
    assert [lang for lang, _ in _sheets(page)] == ["it", "en"]
    assert "print-unreviewed" not in page
    assert 'value="ti"' not in page  # not offered to the operator either
    # A language the desk does not offer cannot be asked for.
    asked = client.get(urls["visit"] + "?lang=ti").get_data(as_text=True)
    assert [lang for lang, _ in _sheets(asked)] == ["it", "en"]


def test_a_person_whose_languages_have_no_catalogue_gets_italian_and_english(prints, client):
    urls = prints(("wo", "bm"))
    for name in ("visit", "appointment", "notice"):
        sheets = _sheets(client.get(urls[name]).get_data(as_text=True))
        assert [lang for lang, _ in sheets] == ["it", "en"], name


def test_the_preferred_language_comes_before_the_others_the_person_reads(prints, client):
    urls = prints(("ru", "fr"))
    assert [lang for lang, _ in _sheets(client.get(urls["visit"]).get_data(as_text=True))] == ["ru"]


def test_the_operator_chooses_another_language_on_every_print(prints, client):
    urls = prints(("ti", "it"))
    for name in ("visit", "appointment", "notice"):
        page = client.get(urls[name] + "?lang=ru").get_data(as_text=True)
        assert [lang for lang, _ in _sheets(page)] == ["ru"], name
        assert '<option value="ru" lang="ru" selected>' in page
    # Printing the slip keeps the choice.
    response = client.post(urls["visit"] + "/print", data={"lang": "ar"})
    assert response.status_code == 302 and "lang=ar" in response.headers["Location"]


def test_a_language_the_desk_has_no_print_for_is_refused_next_to_the_field(prints, client):
    urls = prints(("fr",))
    response = client.get(urls["visit"] + "?lang=xx")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert [lang for lang, _ in _sheets(page)] == ["fr"]
    assert 'id="print-lang-error"' in page and 'aria-invalid="true"' in page


def test_print_only_catalogues_translate_plurals_by_their_own_rules(prints, client):
    urls = prints(("ru",))
    sheet = _sheets(client.get(urls["appointment"]).get_data(as_text=True))[0][1]
    assert "5 минут" in sheet and "Ваша встреча" in sheet


def test_ui_plurals_are_unchanged_by_the_print_catalogues(prints, client):
    urls = prints(("uk",))
    sheet = _sheets(client.get(urls["appointment"]).get_data(as_text=True))[0][1]
    assert "5 хвилин" in sheet


def test_prints_carry_the_desk_details(prints, client):
    urls = prints(("fr",))
    for name in ("visit", "appointment", "notice"):
        sheet = _sheets(client.get(urls[name]).get_data(as_text=True))[0][1]
        assert "Via Garibaldi 1, 10122 Torino" in sheet, name
        assert "011 123 4567" in sheet and "lun–ven 9:00–13:00" in sheet
        assert "Horaires d'ouverture" in sheet and "Téléphone" in sheet


def test_a_chinese_name_is_printed_family_name_first_in_both_scripts(prints, client):
    urls = prints(("zh",), given="Jiaqi", family="Lin", original=("佳琪", "林"), nationality="CN")
    for name in ("visit", "appointment", "notice"):
        sheet = _sheets(client.get(urls[name]).get_data(as_text=True))[0][1]
        assert "Lin Jiaqi" in sheet and "林佳琪" in sheet, name
        assert "Jiaqi Lin" not in sheet


def test_the_privacy_notice_has_every_element_of_gdpr_article_13(prints, client, app):
    app.config.update(PRIVACY_CONTROLLER="Associazione Esempio", PRIVACY_CONTROLLER_CONTACT="via Roma 2",
                      PRIVACY_DPO_CONTACT="dpo@esempio.test", PRIVACY_PROCESSORS="Cloud Esempio S.p.A.",
                      RETENTION_YEARS=7)
    urls = prints(("it",))
    sheet = _sheets(client.get(urls["notice"]).get_data(as_text=True))[0][1]
    assert "Il titolare del trattamento è Associazione Esempio (via Roma 2)" in sheet  # controller
    assert "dpo@esempio.test" in sheet  # DPO
    assert "art. 6, par. 1, lett. a GDPR" in sheet and "aiutarLa" in sheet  # purposes, legal basis
    assert "Cloud Esempio S.p.A." in sheet and "uffici pubblici" in sheet  # recipients
    assert "conservati per 7 anni" in sheet  # retention, from RETENTION_YEARS
    assert "correggerli o cancellarli" in sheet and "revocare il consenso" in sheet  # rights
    assert "Garante per la protezione dei dati personali" in sheet  # complaint


def test_the_prints_stay_closed_to_an_operator_of_another_desk(prints, client, make, auth):
    urls = prints(("ti",))
    make.site("CN")
    make.user(email="cuneo@example.test", roles=("desk",), sites=("CN",))
    auth.logout()
    auth.login("cuneo@example.test")
    for name in ("visit", "appointment", "notice"):
        assert client.get(urls[name] + "?lang=ru").status_code in (403, 404), name


def test_every_print_catalogue_is_complete_and_up_to_date():
    assert print_catalogues.main(["--check"]) == 0
    for code in print_catalogues.PRINT_CATALOGUES:
        catalogue = load(code, PRINT_TRANSLATIONS_DIR)
        assert not catalogue.fuzzy, f"{code}: a fuzzy header, pybabel compile would skip it"
        assert [m.id for m in entries(catalogue) if is_todo(m)] == [], code


@pytest.mark.parametrize("code,script", [("ti", r"[\u1200-\u139f]"), ("pa", r"[\u0a00-\u0a7f]"),
                                         ("fa", r"[\u0600-\u06ff]"), ("ps", r"[\u0600-\u06ff]"),
                                         ("ru", r"[\u0400-\u04ff]")])
def test_print_catalogues_are_written_in_their_own_script(code, script):
    for message in entries(load(code, PRINT_TRANSLATIONS_DIR)):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(re.search(script, s) for s in strings), (code, message.id)


def test_the_desk_home_shows_the_name_in_its_original_script(make, auth, client, now):
    site = make.site("TO")
    make.user(email="op@example.test", roles=("desk",))
    person = make.person(site=site, given="Yohannes", family="Tesfamariam", original=("ዮሃንስ", "ተስፋማርያም"))
    db.session.add(Access(person_id=person.id, site_id=site.id, occurred_at=now, channel="walk_in"))
    db.session.commit()
    auth.login("op@example.test")
    page = client.get("/people/desk").get_data(as_text=True)
    assert "Yohannes Tesfamariam" in page and "ዮሃንስ ተስፋማርያም" in page
