"""Referrals to outside services: the person's consent per organisation, sending, and the
lifecycle sent -> acknowledged -> outcome, each written to the case's timeline."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import audit
from ..cases import note_services
from ..common.clock import today, utcnow
from ..common.refusals import ActionRefused, EditConflict
from ..extensions import db
from ..models.external_referrals import ExternalReferral, OrganisationConsent
from ..models.history import record_event
from ..notifications import services as notifications
from ..vocab.codes import EXTERNAL_OUTCOMES, PRIORITIES, REFERRAL_REASONS


class ConsentMissing(Exception):
    """The person has not agreed to share with this organisation."""


@dataclass
class ReferralData:
    reason: str
    urgency: str
    follow_up_on: date
    agreed: str | None = None
    consent_given: bool = False
    consent_language: str | None = None
    override_reason: str | None = None


def consent_for(person, organisation) -> OrganisationConsent | None:
    """The person's standing consent to share with this organisation, if any."""
    return db.session.scalar(
        select(OrganisationConsent).where(
            OrganisationConsent.person_id == person.id,
            OrganisationConsent.organisation_id == organisation.id,
            OrganisationConsent.withdrawn_at.is_(None))
        .order_by(OrganisationConsent.given_at.desc()).limit(1))


def record_consent(actor, case, organisation, language: str) -> OrganisationConsent:
    consent = OrganisationConsent(person_id=case.person_id, organisation_id=organisation.id,
                                  language=language, recorded_by_id=actor.id)
    db.session.add(consent)
    db.session.flush()
    record_event(case, "external_consent", actor,
                 payload={"organisation_id": organisation.id, "language": language})
    audit("consent", case.person, user=actor,
          detail={"organisation_id": organisation.id, "language": language})
    return consent


def _check(data: ReferralData) -> None:
    if data.reason not in REFERRAL_REASONS or data.urgency not in PRIORITIES:
        raise ActionRefused(_("Choose the reason and the urgency."))
    if data.follow_up_on < today():
        raise ActionRefused(_("The follow-up date cannot be in the past."))


def refer_externally(actor, case, service, data: ReferralData,
                     may_override: bool = False) -> ExternalReferral:
    """Send the case to an outside service, after the consent gate for its organisation."""
    _check(data)
    if case.status == "closed":
        raise ActionRefused(_("The case is closed: reopen it before referring it."))
    if not service.active:
        raise ActionRefused(_("This service is no longer active in the directory."))
    organisation = service.organisation
    consent = consent_for(case.person, organisation)
    if consent is None and data.consent_given:
        consent = record_consent(actor, case, organisation,
                                 data.consent_language or case.person.preferred_language or "it")
    overriding = consent is None
    if overriding and not (may_override and (data.override_reason or "").strip()):
        raise ConsentMissing()
    referral = ExternalReferral(
        case_id=case.id, service_id=service.id, organisation_id=organisation.id,
        consent_id=consent.id if consent else None, reason=data.reason, urgency=data.urgency,
        agreed=(data.agreed or "").strip() or None, follow_up_on=data.follow_up_on,
        status="sent", created_by_id=actor.id, sent_at=utcnow())
    db.session.add(referral)
    db.session.flush()
    if overriding:
        record_event(case, "consent_override", actor,
                     payload={"reason": data.override_reason.strip()[:2000],
                              "organisation_id": organisation.id})
    record_event(case, "external_referral_sent", actor, payload={
        "external_referral_id": referral.id, "service": service.name,
        "organisation": organisation.name, "reason": data.reason, "urgency": data.urgency,
        "due_date": data.follow_up_on.isoformat()})
    audit("create", referral, user=actor, person_id=case.person_id)
    return referral


def _versioned(referral: ExternalReferral, version) -> None:
    if str(version) != str(referral.version):
        raise EditConflict()


def acknowledge(actor, referral: ExternalReferral, version) -> ExternalReferral:
    _versioned(referral, version)
    if referral.status != "sent":
        raise ActionRefused(_("This referral has already been acknowledged."))
    referral.status = "acknowledged"
    referral.acknowledged_at = utcnow()
    db.session.flush()
    record_event(referral.case, "external_referral_acknowledged", actor, payload={
        "external_referral_id": referral.id, "organisation": referral.organisation.name})
    audit("update", referral, user=actor, person_id=referral.case.person_id,
          detail={"status": "acknowledged"})
    notifications.external_referral_news(actor, referral, "acknowledged")
    return referral


def record_outcome(actor, referral: ExternalReferral, version, outcome: str) -> ExternalReferral:
    _versioned(referral, version)
    if outcome not in EXTERNAL_OUTCOMES:
        raise ActionRefused(_("Choose the outcome."))
    if referral.status == "closed":
        raise ActionRefused(_("The outcome of this referral is already recorded."))
    if referral.acknowledged_at is None:
        referral.acknowledged_at = utcnow()
    referral.status = "closed"
    referral.outcome = outcome
    referral.outcome_at = utcnow()
    db.session.flush()
    record_event(referral.case, "external_referral_outcome", actor, payload={
        "external_referral_id": referral.id, "organisation": referral.organisation.name,
        "outcome": outcome})
    audit("update", referral, user=actor, person_id=referral.case.person_id,
          detail={"outcome": outcome})
    notifications.external_referral_news(actor, referral, "outcome")
    return referral


def reply(actor, referral: ExternalReferral, body: str):
    """The receiving service's reply, a note on the case's timeline (in Italian)."""
    note = note_services.write_note(actor, referral.case, body, "it", "all")
    notifications.external_referral_news(actor, referral, "reply")
    return note
