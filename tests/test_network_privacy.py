"""The person's rights over what went to outside services: the access export holds their
consents per organisation and their outside referrals; erasure removes what identifies them
there; retention waits while an outside service still works a referral."""

import json
from datetime import timedelta

from sqlalchemy import select

from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.cases import Access, Case
from desk.models.external_referrals import ExternalReferral, OrganisationConsent
from desk.models.people import Person
from desk.privacy.retention import due_for_pseudonymisation

from .casework import build_world
from .network_world import build_network

AGREED = "Va giovedì mattina con la sorella Fatima"


def _referred(make, auth, client):
    w = build_world(make)
    n = build_network(make)
    auth.login(w.email("desk"))
    response = client.post(f"/cases/{w.case.id}/services/{n.shelter.id}/refer", data={
        "reason": "housing", "urgency": "urgent", "consent_given": "y", "agreed": AGREED,
        "follow_up_on": "2026-06-30"})
    assert response.status_code == 302
    auth.logout()
    return w, n, db.session.scalar(select(ExternalReferral))


def _close(case, when=None):
    case = db.session.get(Case, case.id)
    case.status, case.closed_at = "closed", when or utcnow()
    db.session.commit()


def test_the_access_export_holds_the_consents_and_outside_referrals(make, auth, client):
    w, n, referral = _referred(make, auth, client)
    other = make.person(site=w.site, given="Bobby", family="Okonkwo")
    auth.login(w.email("supervisor"))
    data = json.loads(client.get(f"/privacy/people/{w.case.person_id}/export.json").get_data())
    [consent] = data["organisation_consents"]
    assert consent["organisation"] == "Casa del Ponte" and consent["withdrawn_at"] is None
    assert consent["notice_language"]["code"] == "ar"
    [sent] = data["cases"][0]["external_referrals"]
    assert sent["service"] == "Accoglienza notturna" and sent["agreed"] == AGREED
    assert sent["status"]["code"] == "sent" and sent["follow_up_on"] == "2026-06-30"
    page = client.get(f"/privacy/people/{w.case.person_id}/export").get_data(as_text=True)
    assert "Casa del Ponte" in page and AGREED in page
    nobody = json.loads(client.get(f"/privacy/people/{other.id}/export.json").get_data())
    assert nobody["organisation_consents"] == [] and "Casa del Ponte" not in json.dumps(nobody)


def test_erasure_removes_what_was_agreed_and_withdraws_the_consents(make, auth, client):
    w, n, referral = _referred(make, auth, client)
    _close(w.case)
    auth.login(w.email("supervisor"))
    person_id = w.case.person_id
    response = client.post(f"/privacy/people/{person_id}/erase",
                           data={"basis": "request", "confirmation": str(person_id)})
    assert response.status_code == 302
    db.session.expire_all()
    kept = db.session.get(ExternalReferral, referral.id)
    assert kept.agreed is None and kept.reason == "housing" and kept.status == "sent"
    consent = db.session.scalar(select(OrganisationConsent))
    assert consent.withdrawn_at is not None
    body = client.get(f"/privacy/people/{person_id}/export.json").get_data(as_text=True)
    assert AGREED not in body and "Haddad" not in body
    auth.logout()
    auth.login(n.partner_email)
    page = client.get(f"/partner/referrals/{referral.id}").get_data(as_text=True)
    assert AGREED not in page and "Haddad" not in page


def _long_ago(w, years=11):
    long_ago = utcnow() - timedelta(days=365 * years + 5)
    person = db.session.get(Person, w.case.person_id)
    person.created_at = long_ago
    for access in db.session.scalars(select(Access).where(Access.person_id == person.id)):
        access.occurred_at = long_ago
    case = db.session.get(Case, w.case.id)
    case.opened_at = long_ago
    db.session.commit()
    _close(w.case, long_ago)
    return long_ago


def test_retention_waits_while_an_outside_service_works_the_referral(make, auth, client):
    w, n, referral = _referred(make, auth, client)
    long_ago = _long_ago(w)
    referral = db.session.get(ExternalReferral, referral.id)
    referral.sent_at = long_ago
    db.session.commit()
    due = lambda: {d.person.id for d in due_for_pseudonymisation()}  # noqa: E731
    assert w.case.person_id not in due()  # still open at the shelter
    referral.status, referral.outcome, referral.outcome_at = "closed", "other", long_ago
    db.session.commit()
    assert w.case.person_id in due()
