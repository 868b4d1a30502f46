"""Registering from the search text: the split into given and family name is a guess the
operator is asked to check, never made silently."""

from .casework import tr


def test_a_three_word_search_is_prefilled_with_a_hint_to_check_the_split(make, auth, client):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    html = client.get("/people/new?q=Fatima+Zahra+Benali").get_data(as_text=True)
    assert 'id="given_name"' in html and 'value="Fatima"' in html and 'value="Zahra Benali"' in html
    assert 'id="name-split-hint"' in html
    assert "Fatima Zahra Benali" in html.split('id="name-split-hint"')[1].split("</p>")[0]


def test_one_word_or_a_number_needs_no_hint(make, auth, client):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    assert 'id="name-split-hint"' not in client.get("/people/new?q=Benali").get_data(as_text=True)
    assert 'id="name-split-hint"' not in client.get("/people/new?q=12/03/1990").get_data(as_text=True)
    assert 'id="name-split-hint"' not in client.get("/people/new").get_data(as_text=True)


def test_the_hint_is_translated(make, auth, client):
    make.user(email="op@example.test", locale="fr")
    auth.login("op@example.test")
    html = client.get("/people/new?q=Amina+Diallo").get_data(as_text=True)
    hint = ("The search text “%(text)s” has been split as a guess: the first word as the given "
            "name, the rest as the family name. Check both fields with the person and move words "
            "where needed (a double given name, the family name first).")
    assert tr(hint, "fr", text="Amina Diallo") in html
    assert "Amina Diallo" in tr(hint, "fr", text="Amina Diallo") and "prénom" in html
