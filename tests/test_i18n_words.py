"""One English word, two meanings: each use has its own message (a context) and reads right in
every language. The search's "Open" button opens a record; a dashboard column counts."""

import csv
import io
import re

import pytest

from desk.extensions import db
from desk.models.history import TimelineEvent

from .casework import build_world
from .i18n_fixtures import catalogue_dir, translated  # noqa: F401
from .privacy_world import rich_person
from .test_supervision_data import access, days_ago

BOSS = "boss@example.test"


@pytest.mark.parametrize("locale,verb", [
    ("it", "Apri"), ("fr", "Ouvrir"), ("es", "Abrir"), ("ar", "فتح"), ("zh", "打开"),
])
def test_search_results_button_opens_the_record(make, auth, client, locale, verb):
    make.user(email="op@example.test", roles=("desk",), locale=locale)
    person = make.person(given="Amina", family="Diallo")
    auth.login("op@example.test")
    page = client.get("/people/search?q=Diallo").get_data(as_text=True)
    assert re.findall(rf'href="/people/{person.id}">([^<]+)</a>', page) == [verb]


def _dashboard(make, auth, client, locale):
    site = make.site("TO")
    make.user(email=BOSS, roles=("supervisor",), locale=locale)
    case = make.case(site=site, referrals=["legal"])
    access(case.person, at=days_ago(3), needs=["housing"])
    auth.login(BOSS)
    return client.get("/supervision/").get_data(as_text=True)


@pytest.mark.parametrize("locale,times,opening_hours", [
    ("it", "Numero di volte", "Orari"), ("fr", "Nombre de fois", "Horaires"),
    ("es", "Número de veces", "Horarios"), ("ar", "عدد المرات", "الأوقات"),
    ("zh", "次数", "时间段"),
])
def test_needs_tables_count_how_many_times_each_need_was_expressed(make, auth, client, locale,
                                                                   times, opening_hours):
    page = _dashboard(make, auth, client, locale)
    assert f'<th scope="col" class="num">{times}</th>' in page
    assert opening_hours not in page


def test_dashboard_columns_count_referrals_in_each_state(make, auth, client):
    page = _dashboard(make, auth, client, "it")
    for heading in ("In attesa", "Accettati", "Aperti", "In ritardo"):
        assert f'<th scope="col" class="num">{heading}</th>' in page
    assert "Accettato</th>" not in page


def test_export_headers_name_the_code_columns_in_the_export_language(make, auth, client):
    make.site("TO")
    make.user(email=BOSS, roles=("supervisor",))
    make.case(referrals=["legal"])
    auth.login(BOSS)
    body = client.get("/supervision/export/caseload_team.csv?lang=it").get_data()
    assert next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[:2] == ["Team (codice)", "Team"]
    body = client.get("/supervision/referrals.csv?lang=es").get_data()
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert "Estado (código)" in header and "Equipo (código)" in header
    assert not any("(code)" in title for title in header)


@pytest.mark.parametrize("locale,before,after,change,added", [
    ("it", "Stato precedente", "Nuovo stato", "Modifica", "aggiunto"),
    ("es", "Estado anterior", "Estado nuevo", "Cambio", None),
    ("fr", "Ancien statut", "Nouveau statut", "Modification", None),
])
def test_history_details_say_which_status_and_what_changed(make, auth, client, locale, before,
                                                           after, change, added):
    world = build_world(make)
    reader = make.user(email="reader@example.test", roles=("desk",), locale=locale)
    db.session.add_all([
        TimelineEvent(case_id=world.case.id, kind="status_changed", actor_id=reader.id,
                      payload={"from": "open", "to": "in_progress"}),
        TimelineEvent(case_id=world.case.id, kind="care_plan_changed", actor_id=reader.id,
                      payload={"dimension": "legal", "status": "planned", "change": "added"}),
    ])
    db.session.commit()
    auth.login("reader@example.test")
    page = client.get(f"/cases/{world.case.id}").get_data(as_text=True)
    assert f"<dt>{before}</dt>" in page and f"<dt>{after}</dt>" in page
    assert f"<dt>{change}</dt>" in page
    if added:
        assert f"<dt>{change}</dt><dd>{added}</dd>" in page


def test_privacy_export_names_the_agreed_actions_of_the_care_plan(make, auth, client):
    world = build_world(make)
    alice = rich_person(make, world.site, world.users, "alice", "Alice", "Mbeki")
    auth.login(world.email("supervisor"))
    page = client.get(f"/privacy/people/{alice.person.id}/export").get_data(as_text=True)
    copy = page.split('class="slip panel export"', 1)[1]  # the person's copy, in French
    assert "<dt>Actions convenues</dt>" in copy
    assert "<dt>Actions</dt>" not in copy
