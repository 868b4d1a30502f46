"""The residence-permit glossary: every permit type explained, searchable in any locale."""

import re

import pytest

from desk.common.i18n import LOCALES
from desk.vocab import glossary
from desk.vocab.codes import PERMIT_TYPES

from .i18n_fixtures import catalogue_dir, translated  # noqa: F401


@pytest.fixture
def reader(make, auth):
    def sign_in(locale="it"):
        make.user(email=f"reader-{locale}@example.test", roles=("team",), teams=("legal",),
                  locale=locale)
        auth.login(f"reader-{locale}@example.test")
    return sign_in


def _entry_ids(body: str) -> list[str]:
    return re.findall(r'<article class="panel glossary-entry" id="([a-z_]+)"', body)


def test_every_permit_type_has_exactly_one_entry():
    assert [permit.code for permit in glossary.PERMITS] == list(PERMIT_TYPES)


def test_glossary_needs_sign_in(client):
    response = client.get("/glossary/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_page_lists_every_type_with_an_anchor_and_the_legal_caveat(reader, client):
    reader("it")
    body = client.get("/glossary/").get_data(as_text=True)
    assert _entry_ids(body) == list(PERMIT_TYPES)
    for code in PERMIT_TYPES:
        assert f'href="#{code}"' in body
    assert "normativa in vigore" in body  # "check it against current law"
    assert "Permesso di soggiorno per protezione speciale" in body


def test_bengali_reader_learns_what_a_protezione_speciale_permit_allows(reader, client):
    reader("bn")
    response = client.get("/glossary/", query_string={"q": "protezione speciale"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _entry_ids(body) == ["special_protection"]
    assert "বিশেষ সুরক্ষা" in body  # the label, in Bengali
    assert "কাজ করা যায়" in body  # "it allows work", from the description
    assert "জাতীয় স্বাস্থ্যসেবায় নিবন্ধন" in body  # health-service enrolment row
    assert "হ্যাঁ" in body  # "yes"
    assert "Special protection" not in body


@pytest.mark.parametrize("locale,query,expected", [
    ("bn", "আশ্রয়", "asylum_pending"),  # Bengali word for asylum
    ("ar", "الحماية المؤقتة", "temporary_protection"),
    ("uk", "тимчасовий захист", "temporary_protection"),
    ("zh", "蓝卡", "eu_blue_card"),
    ("fr", "apatride", "statelessness"),
    ("it", "attesa occupazione", "job_seeking"),
    ("en", "CALAMITA", "natural_disaster"),  # accents and case do not matter
    ("ur", "assistenza minori", "minor_assistance"),  # Italian name matches in any locale
    ("sq", "art. 18", "special_cases_violence"),
])
def test_search_works_in_the_reader_language_and_by_italian_name(reader, client, locale, query,
                                                                  expected):
    reader(locale)
    body = client.get("/glossary/", query_string={"q": query}).get_data(as_text=True)
    assert expected in _entry_ids(body)


def test_search_with_no_match_says_so_and_keeps_the_query(reader, client):
    reader("en")
    body = client.get("/glossary/", query_string={"q": "<b>zzzz</b>"}).get_data(as_text=True)
    assert _entry_ids(body) == []
    assert "No permit type matches your search" in body
    assert "<b>zzzz</b>" not in body  # echoed escaped, never as markup
    assert "&lt;b&gt;zzzz&lt;/b&gt;" in body


@pytest.mark.parametrize("locale", LOCALES)
def test_glossary_renders_in_every_locale(reader, client, locale):
    reader(locale)
    response = client.get("/glossary/")
    assert response.status_code == 200
    assert len(_entry_ids(response.get_data(as_text=True))) == len(PERMIT_TYPES)


def test_document_field_can_link_to_the_entry(app):
    with app.test_request_context("/"):
        url = app.jinja_env.globals["glossary_url"]("special_protection")
        fallback = app.jinja_env.globals["glossary_url"]("no_such_code")
    assert url == "/glossary/#special_protection"
    assert fallback == "/glossary/"


def test_allowed_rights_are_answered_for_every_type():
    for permit in glossary.PERMITS:
        assert len(permit.rights) == 4
        assert set(permit.rights) <= set(glossary.ANSWERS)
    assert glossary.get("asylum_pending").rights[0] == "limited"  # work only after 60 days
    assert glossary.get("elective_residence").rights[0] == "no"
