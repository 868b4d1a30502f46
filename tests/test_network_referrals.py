"""Referring a case to an outside service: the consent gate per organisation, the lifecycle
sent -> acknowledged -> outcome on the timeline, the follow-up list and the two prints."""

from datetime import timedelta

import pytest
from markupsafe import escape

from desk.extensions import db
from desk.models.external_referrals import ExternalReferral, OrganisationConsent
from desk.models.history import Note, TimelineEvent

from .casework import build_world
from .network_world import build_network


def _refer(client, case, service, **changes):
    data = {"reason": "housing", "urgency": "normal", "agreed": "Andrà giovedì mattina",
            "follow_up_on": "2026-06-24"}
    data.update(changes)
    return client.post(f"/cases/{case.id}/services/{service.id}/refer", data=data)


def kinds(case):
    return [e.kind for e in db.session.query(TimelineEvent).filter_by(case_id=case.id)
            .order_by(TimelineEvent.id)]


def test_without_consent_for_the_organisation_the_referral_is_refused(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    response = _refer(client, w.case, n.shelter)
    assert response.status_code == 422
    assert escape("non ha acconsentito a condividere i suoi dati con questo ente") in \
        response.get_data(as_text=True)
    assert db.session.query(ExternalReferral).count() == 0


def test_consent_is_recorded_per_organisation(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    assert _refer(client, w.case, n.shelter, consent_given="y").status_code == 302
    consent = db.session.query(OrganisationConsent).one()
    assert consent.organisation_id == n.shelter.organisation_id and consent.language == "ar"
    # The same organisation again: no new question. Another organisation: asked again.
    assert _refer(client, w.case, n.shelter).status_code == 302
    assert _refer(client, w.case, n.clinic).status_code == 422
    assert db.session.query(ExternalReferral).count() == 2


def test_a_withdrawn_consent_stops_the_next_referral(make, auth, client, now):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    _refer(client, w.case, n.shelter, consent_given="y")
    db.session.query(OrganisationConsent).one().withdrawn_at = now
    db.session.commit()
    assert _refer(client, w.case, n.shelter).status_code == 422


def test_a_supervisor_may_override_with_a_reason_and_it_is_logged(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("supervisor"))
    assert _refer(client, w.case, n.shelter).status_code == 422
    assert _refer(client, w.case, n.shelter, override_reason="Senza dimora, notte fredda"
                  ).status_code == 302
    assert kinds(w.case)[-2:] == ["consent_override", "external_referral_sent"]


def test_a_desk_operator_cannot_override(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    assert _refer(client, w.case, n.shelter, override_reason="Urgente").status_code == 422


@pytest.mark.parametrize("changes, message", [
    ({"follow_up_on": "2026-06-01"}, "cannot be in the past"),
    ({"follow_up_on": ""}, "Choose the day"),
    ({"reason": "nonsense"}, "Not a valid choice"),
])
def test_bad_referral_input_is_refused(make, auth, client, changes, message):
    w = build_world(make)
    n = build_network(make)
    make.user(email="en-desk@example.test", roles=("desk",), locale="en")
    auth.login("en-desk@example.test")
    response = _refer(client, w.case, n.shelter, consent_given="y", **changes)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.query(ExternalReferral).count() == 0
    assert db.session.query(OrganisationConsent).count() == 0


def _sent(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    _refer(client, w.case, n.shelter, consent_given="y")
    return w, n, db.session.query(ExternalReferral).one()


def test_lifecycle_sent_acknowledged_outcome_on_the_timeline(make, auth, client):
    w, n, referral = _sent(make, auth, client)
    assert referral.status == "sent"
    client.post(f"/external-referrals/{referral.id}/acknowledge", data={"version": 1})
    db.session.refresh(referral)
    assert referral.status == "acknowledged" and referral.acknowledged_at is not None
    client.post(f"/external-referrals/{referral.id}/outcome",
                data={"version": referral.version, "outcome": "taken_in_charge"})
    db.session.refresh(referral)
    assert (referral.status, referral.outcome) == ("closed", "taken_in_charge")
    assert kinds(w.case)[-3:] == ["external_referral_sent", "external_referral_acknowledged",
                                  "external_referral_outcome"]
    page = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert "Casa del Ponte" in page and "Presa in carico" in page or "Taken in charge" in page


def test_an_outcome_cannot_be_recorded_twice(make, auth, client):
    _w, _n, referral = _sent(make, auth, client)
    client.post(f"/external-referrals/{referral.id}/outcome",
                data={"version": 1, "outcome": "did_not_go"})
    db.session.refresh(referral)
    client.post(f"/external-referrals/{referral.id}/outcome",
                data={"version": referral.version, "outcome": "taken_in_charge"})
    db.session.refresh(referral)
    assert referral.outcome == "did_not_go"


def _due(referral, day):
    referral.follow_up_on = day
    db.session.commit()


def test_the_follow_up_list_shows_what_is_due_overdue_first(make, auth, client, today):
    w, n, referral = _sent(make, auth, client)
    _due(referral, today + timedelta(days=10))
    assert referral.case.reference not in client.get("/network/follow-ups").get_data(as_text=True)
    _due(referral, today + timedelta(days=5))
    page = client.get("/network/follow-ups").get_data(as_text=True)
    assert referral.case.reference in page and 'class="overdue"' not in page
    _due(referral, today - timedelta(days=1))
    page = client.get("/network/follow-ups?mine=1").get_data(as_text=True)
    assert referral.case.reference in page and 'class="overdue"' in page
    client.post(f"/external-referrals/{referral.id}/outcome",
                data={"version": referral.version, "outcome": "taken_in_charge"})
    assert referral.case.reference not in client.get("/network/follow-ups").get_data(as_text=True)


def test_the_follow_up_list_of_my_cases_leaves_out_colleagues_cases(make, auth, client, today):
    w, n, referral = _sent(make, auth, client)
    auth.logout()
    auth.login(w.email("supervisor"))
    assert referral.case.reference in client.get("/network/follow-ups").get_data(as_text=True)
    assert referral.case.reference not in client.get("/network/follow-ups?mine=1").get_data(
        as_text=True)


def test_the_letter_is_in_italian_with_only_the_minimum_data(make, auth, client):
    w, n, referral = _sent(make, auth, client)
    make.user(email="fr-desk@example.test", roles=("desk",), locale="fr")
    auth.logout()
    auth.login("fr-desk@example.test")
    db.session.add(Note(case_id=w.case.id, language="it", body="Segreto clinico",
                        visibility="all"))
    w.case.person.phone = "+393331234567"
    db.session.commit()
    page = client.get(f"/external-referrals/{referral.id}/letter").get_data(as_text=True)
    body = page[page.index("<article"):page.index("</article>")]
    assert 'lang="it"' in body and 'dir="ltr"' in body
    assert "Lettera di invio" in body and "Haddad" in body and "Casa del Ponte" in body
    assert "Segreto clinico" not in body and "3331234567" not in body


def test_the_sheet_is_in_the_persons_language_right_to_left_for_arabic(make, auth, client):
    _w, n, referral = _sent(make, auth, client)
    page = client.get(f"/external-referrals/{referral.id}/sheet").get_data(as_text=True)
    body = page[page.index("<article"):page.index("</article>")]
    assert 'lang="ar"' in body and 'dir="rtl"' in body
    assert "Accoglienza notturna" in body and str(escape("Documento d'identità")) in body
    assert "الخميس" in body  # Thursday, in Arabic


def test_the_sheet_falls_back_to_italian_without_a_catalogue(make, auth, client):
    w = build_world(make)
    person = w.case.person
    person.preferred_language = "ti"  # Tigrinya: no UI catalogue, and no other language read
    person.language_rows = [row for row in person.language_rows if row.language == "ti"]
    db.session.commit()
    n = build_network(make)
    auth.login(w.email("desk"))
    _refer(client, w.case, n.shelter, consent_given="y")
    referral = db.session.query(ExternalReferral).one()
    body = client.get(f"/external-referrals/{referral.id}/sheet").get_data(as_text=True)
    assert 'lang="it"' in body and "Dove andare" in body


def test_supervision_figures_by_organisation_time_to_acknowledge_and_overdue(make, auth, client,
                                                                             today):
    w, n, referral = _sent(make, auth, client)
    client.post(f"/external-referrals/{referral.id}/acknowledge", data={"version": 1})
    db.session.refresh(referral)
    referral.acknowledged_at = referral.sent_at + timedelta(days=2)
    _refer(client, w.case, n.clinic, consent_given="y")
    late = db.session.query(ExternalReferral).filter_by(service_id=n.clinic.id).one()
    late.follow_up_on = today - timedelta(days=1)
    db.session.commit()
    from desk.models.users import User, with_access
    from desk.network.figures import external_referral_figures
    supervisor = db.session.scalars(db.select(User).options(*with_access())
                                    .filter_by(email="supervisor@example.test")).unique().one()
    figures = external_referral_figures(supervisor)
    assert figures.total == 2
    assert dict(figures.by_organisation)["Casa del Ponte"]["acknowledged"] == 1
    assert figures.median_days_to_acknowledge == 2.0
    assert (figures.overdue_without_outcome, figures.past_follow_up) == (1, 1)
    other = db.session.scalars(db.select(User).options(*with_access())
                               .filter_by(email="other@example.test")).unique().one()
    assert external_referral_figures(other).total == 0  # Cuneo's supervisor sees none


@pytest.mark.parametrize("role, status", [("supervisor", 200), ("desk", 403), ("partner", 403)])
def test_only_supervisors_see_the_figures(make, auth, client, role, status):
    w = build_world(make)
    auth.login(w.email(role))
    assert client.get("/network/figures").status_code == status


def _form_token(page: str) -> str:
    import re
    return re.search(r'name="form_token"[^>]*value="([^"]+)"', page).group(1)


def test_a_referral_sent_twice_is_sent_once(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    address = f"/cases/{w.case.id}/services/{n.shelter.id}/refer"
    token = _form_token(client.get(address).get_data(as_text=True))
    first = _refer(client, w.case, n.shelter, consent_given="y", form_token=token)
    again = _refer(client, w.case, n.shelter, consent_given="y", form_token=token)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert db.session.query(ExternalReferral).count() == 1
    # A form shown anew is a new referral.
    token = _form_token(client.get(address).get_data(as_text=True))
    _refer(client, w.case, n.shelter, form_token=token)
    assert db.session.query(ExternalReferral).count() == 2
