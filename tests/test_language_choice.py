"""Spoken languages are a checkbox list (works without JavaScript) with localised names and a
filter box the script reveals; several languages are saved without Ctrl-click."""

import re

from desk.extensions import db
from desk.models.people import Person


def test_languages_are_checkboxes_with_localised_names(make, auth, client):
    make.user(email="op@example.test", locale="fr")
    auth.login("op@example.test")
    html = client.get("/people/new").get_data(as_text=True)
    assert "<select" not in html.split('id="languages"')[1].split("</ul>")[0]
    assert re.search(r'<input id="languages-\d+" name="languages" type="checkbox" value="ar"> arabe', html)
    assert 'class="choice-filter" hidden' in html  # shown by app.js only


def test_three_languages_are_saved(make, auth, client):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    token = re.search(r'name="form_token" type="hidden" value="([^"]*)"',
                      client.get("/people/new").get_data(as_text=True)).group(1)
    response = client.post("/people/new", data={
        "given_name": "Leila", "family_name": "Trilingue", "birth": "1990", "sex": "F",
        "nationality": "MA", "languages": ["ar", "fr", "it"], "preferred_language": "ar",
        "privacy_notice_given": "y", "notice_language": "ar", "form_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    person = db.session.query(Person).filter_by(family_name="Trilingue").one()
    assert sorted(person.languages) == ["ar", "fr", "it"]
