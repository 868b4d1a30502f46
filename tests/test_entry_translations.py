"""Mediators translate every free-text entry a case shows, not only notes: care-plan goals and
their actions, case-conference decisions and decline explanations. The original stays."""

from datetime import date

import pytest

from desk.extensions import db
from desk.models.history import EntryTranslation
from desk.models.plan import CarePlanGoal, CaseConference

from .casework import build_world, referral_of


@pytest.fixture
def world(make):
    w = build_world(make)
    case = w.case
    goal = CarePlanGoal(case_id=case.id, dimension="legal", goal="Rinnovare il permesso",
                        actions="Appuntamento in Questura")
    conference = CaseConference(case_id=case.id, held_on=date(2026, 6, 1),
                                decisions="Si chiede la residenza fittizia")
    referral = referral_of(case, "legal")
    referral.status, referral.decline_reason = "declined", "other"
    referral.decline_text = "Caso già seguito dal patronato"
    db.session.add_all([goal, conference])
    db.session.commit()
    w.ids.update(goal=goal.id, conference=conference.id, decline=referral.id)
    return w


@pytest.mark.parametrize("entry,original,translation", [
    ("goal", "Rinnovare il permesso", "تجديد تصريح الإقامة"),
    ("actions", "Appuntamento in Questura", "موعد في مقر الشرطة"),
    ("conference", "Si chiede la residenza fittizia", "يُطلب تسجيل إقامة رمزية"),
    ("decline", "Caso già seguito dal patronato", "الحالة يتابعها مكتب المساعدة بالفعل"),
])
def test_a_mediator_translates_an_entry_and_the_original_stays(world, auth, client, entry, original,
                                                                 translation):
    entry_id = world.ids["goal" if entry == "actions" else entry]
    auth.login(world.email("mediator"))
    form = client.get(f"/cases/entries/{entry}/{entry_id}/translate")
    assert form.status_code == 200 and original in form.get_data(as_text=True)
    response = client.post(f"/cases/entries/{entry}/{entry_id}/translate",
                           data={"language": "ar", "body": translation})
    assert response.status_code == 302
    page = client.get(f"/cases/{world.case.id}").get_data(as_text=True)
    assert original in page and translation in page and "entry-translation" in page
    saved = db.session.scalars(db.select(EntryTranslation)).one()
    assert (saved.entry, saved.entry_id, saved.language) == (entry, entry_id, "ar")


def test_an_empty_translation_is_refused_next_to_the_field_and_nothing_is_saved(world, auth, client):
    auth.login(world.email("mediator"))
    response = client.post(f"/cases/entries/goal/{world.ids['goal']}/translate",
                           data={"language": "ar", "body": "  "})
    assert response.status_code == 422
    assert 'id="body-error"' in response.get_data(as_text=True)
    assert db.session.scalars(db.select(EntryTranslation)).all() == []


def test_an_unknown_entry_kind_or_id_is_not_found(world, auth, client):
    auth.login(world.email("mediator"))
    assert client.get(f"/cases/entries/password/{world.ids['goal']}/translate").status_code == 404
    assert client.get("/cases/entries/goal/99999/translate").status_code == 404


@pytest.mark.parametrize("role", ["admin", "other"])
def test_who_may_not_see_the_case_cannot_translate_its_entries(world, auth, client, role):
    auth.login(world.email(role))
    for entry, key in (("goal", "goal"), ("conference", "conference"), ("decline", "decline")):
        response = client.post(f"/cases/entries/{entry}/{world.ids[key]}/translate",
                               data={"language": "ar", "body": "x"})
        assert response.status_code in (403, 404), (role, entry)
    assert db.session.scalars(db.select(EntryTranslation)).all() == []


def test_erasing_the_person_removes_the_translations_text(world, auth, client):
    from desk.privacy.erasure import pseudonymise_person

    auth.login(world.email("mediator"))
    client.post(f"/cases/entries/goal/{world.ids['goal']}/translate",
                data={"language": "ar", "body": "تجديد تصريح الإقامة"})
    auth.logout()
    world.case.status = "closed"
    db.session.commit()
    pseudonymise_person(world.users["supervisor"], world.case.person)
    db.session.commit()
    assert "تجديد" not in db.session.scalars(db.select(EntryTranslation)).one().body
