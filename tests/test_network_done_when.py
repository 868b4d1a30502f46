"""Issue 15's "done when", walked with the demo data through the test client: for a Torino
case with a housing need, the desk operator finds the Third-Sector shelters of the territory
that speak Arabic and open on Thursday, refers the case to one, prints the letter and the
Arabic sheet; the follow-up, once due, is on the desk home; the partner account acknowledges
the referral and records the outcome, which the case manager then sees on the timeline (and
the follow-up leaves the to-do list)."""

import re
from datetime import datetime, time, timedelta

from markupsafe import escape
from sqlalchemy import select

from desk.extensions import db
from desk.models.cases import Access, AccessNeed, Case
from desk.models.directory import Organisation, Service
from desk.models.external_referrals import ExternalReferral
from desk.models.people import Person
from desk.models.sites import Site
from desk.models.users import User
from desk.sampledata.demo import DEMO_PASSWORD, seed_demo

OPERATOR, PARTNER = "operatore@demo.test", "partner@demo.test"
SHELTER = "Casa Sant'Anselmo — Accoglienza"
REPLY = "Accolto stasera, posto letto per due settimane."


def _housing_case() -> Case:
    """An open Torino case of an Arabic speaker who asked for housing."""
    return db.session.scalar(
        select(Case).join(Person, Person.id == Case.person_id)
        .join(Site, Site.id == Case.site_id)
        .where(Site.code == "TO", Case.status != "closed", Person.preferred_language == "ar",
               select(AccessNeed.access_id).join(Access, Access.id == AccessNeed.access_id)
               .where(Access.case_id == Case.id, AccessNeed.need == "housing").exists())
        .order_by(Case.id).limit(1))


def test_done_when_with_the_demo_data(app, auth, client, clock, now):
    seed_demo(people=60, now=now)
    db.session.commit()
    case = _housing_case()
    assert case is not None, "the demo has an open Torino case of an Arabic speaker with housing"
    auth.login(OPERATOR, DEMO_PASSWORD)

    found = client.get(f"/cases/{case.id}/services", query_string={
        "need": "housing", "language": "ar", "day": "3", "kind": "third_sector",
        "searched": "1"})
    assert found.status_code == 200
    page = found.get_data(as_text=True)
    assert escape(SHELTER) in page and "Associazione Dar al-Salam" in page
    assert "Ambulatorio ISI" not in page  # public, and health
    shelter = db.session.scalar(select(Service.id).join(Organisation).where(
        Organisation.name == SHELTER, Service.name == "Accoglienza notturna"))

    follow_up = (now + timedelta(days=10)).date()
    sent = client.post(f"/cases/{case.id}/services/{shelter}/refer", data={
        "reason": "housing", "urgency": "urgent", "consent_given": "y",
        "agreed": "Si presenta giovedì mattina con la lettera.",
        "follow_up_on": follow_up.isoformat()})
    assert sent.status_code == 302, sent.get_data(as_text=True)
    referral = db.session.scalar(select(ExternalReferral).where(ExternalReferral.case_id == case.id)
                                 .order_by(ExternalReferral.id.desc()).limit(1))
    assert referral.organisation.name == SHELTER and referral.status == "sent"

    letter = client.get(f"/external-referrals/{referral.id}/letter").get_data(as_text=True)
    assert re.search(r'<article class="slip panel" lang="it" dir="ltr"', letter)
    assert "Lettera di invio" in letter
    sheet = client.get(f"/external-referrals/{referral.id}/sheet").get_data(as_text=True)
    assert re.search(r'<article class="slip panel" lang="ar" dir="rtl"', sheet)

    # The follow-up date comes: the desk's to-do list shows it, as the case manager's own.
    auth.logout()
    clock.set(datetime.combine(follow_up, time(9)))
    auth.login(OPERATOR, DEMO_PASSWORD)
    home = client.get("/people/desk").get_data(as_text=True)
    row = re.search(rf'<tr[^>]*data-external-referral="{referral.id}".*?</tr>', home, re.S)
    assert row and "data-mine" in row.group(0)
    auth.logout()

    auth.login(PARTNER, DEMO_PASSWORD)
    inbox = client.get("/partner/").get_data(as_text=True)
    assert f"/partner/referrals/{referral.id}" in inbox
    for step, data in (("acknowledge", {}), ("outcome", {"outcome": "taken_in_charge"})):
        db.session.expire_all()
        version = db.session.get(ExternalReferral, referral.id).version
        answer = client.post(f"/partner/referrals/{referral.id}/{step}",
                             data={"version": version, **data})
        assert answer.status_code == 302
    assert client.post(f"/partner/referrals/{referral.id}/reply",
                       data={"body": REPLY}).status_code == 302
    auth.logout()

    db.session.expire_all()
    assert db.session.get(ExternalReferral, referral.id).outcome == "taken_in_charge"
    manager = db.session.get(User, case.manager_id)
    auth.login(manager.email, DEMO_PASSWORD)
    case_page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert REPLY in case_page and "Presa in carico" in case_page
    home = client.get("/people/desk").get_data(as_text=True)
    assert f'data-external-referral="{referral.id}"' not in home
