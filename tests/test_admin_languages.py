"""An administrator ticks the languages a worker speaks in the same checkbox list with a
filter box as the person form (localised names, works without JavaScript); no codes typed."""

import re

import pytest

from desk.admin import services
from desk.auth.services import AccountError
from desk.extensions import db
from desk.models.users import User


@pytest.fixture
def admin(make, auth):
    make.site("TO")
    user = make.user(email="adm@example.test", roles=("admin",), locale="fr", sites=())
    auth.login("adm@example.test")
    return user


def _edit(client, worker, languages):
    return client.post(f"/admin/users/{worker.id}", data={
        "name": worker.name, "roles": ["desk"], "sites": [str(worker.sites[0].id)],
        "locale": "it", "languages": languages})


def test_new_user_form_lists_languages_as_checkboxes_named_in_the_readers_language(admin, client):
    html = client.get("/admin/users/new").get_data(as_text=True)
    block = html.split('id="languages"')[1].split("</ul>")[0]
    assert "<select" not in block and 'name="languages" type="checkbox"' in block
    assert re.search(r'type="checkbox" value="ar"> arabe', block)
    assert 'class="choice-filter" hidden' in html
    assert "ar, fr" not in html  # no hint to type codes any more


def test_three_ticked_languages_are_saved_and_shown_ticked(admin, make, client):
    worker = make.user(email="w@example.test", roles=("desk",))
    assert _edit(client, worker, ["ur", "ar", "bn"]).status_code == 302
    assert db.session.get(User, worker.id).languages == ["ar", "bn", "ur"]
    html = client.get(f"/admin/users/{worker.id}").get_data(as_text=True)
    ticked = re.findall(r'checked id="languages-\d+" name="languages" type="checkbox" value="(\w+)"'
                        r'|value="(\w+)" checked', html)
    assert {a or b for a, b in ticked} >= {"ar", "bn", "ur"}


def test_a_language_outside_the_usual_list_is_kept_on_save(admin, make, client):
    worker = make.user(email="w@example.test", roles=("desk",), languages=("nl",))
    html = client.get(f"/admin/users/{worker.id}").get_data(as_text=True)
    assert 'value="nl"' in html
    assert _edit(client, worker, ["nl", "fr"]).status_code == 302
    assert db.session.get(User, worker.id).languages == ["fr", "nl"]


def test_an_unknown_code_is_refused_with_a_message_and_nothing_saved(admin, make, client):
    worker = make.user(email="w@example.test", roles=("desk",), languages=("fr",))
    response = _edit(client, worker, ["fr", "zz-not"])
    assert response.status_code == 422 and "has-error" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, worker.id).languages == ["fr"]


def test_the_service_refuses_an_unknown_code(admin, make, app):
    worker = make.user(email="w@example.test", roles=("desk",))
    with app.test_request_context(), pytest.raises(AccountError):
        services.update_access(admin, worker, name="W", roles=["desk"],
                               site_ids=list(worker.site_ids), team_ids=[], locale="it",
                               languages=["xx-nonsense"])
