"""Withdrawing a consent: the record stays (when it was given, in which language), with the
time it was withdrawn. Without share_with_services the counter's consent gate stops routing."""

from ..audit.services import audit
from ..common.clock import utcnow
from ..extensions import db
from ..models.people import Consent, Person


class AlreadyWithdrawn(Exception):
    pass


def consent_of(person: Person, consent_id: int) -> Consent | None:
    return next((c for c in person.consents if c.id == consent_id), None)


def withdraw_consent(actor, consent: Consent) -> Consent:
    if consent.withdrawn_at is not None:
        raise AlreadyWithdrawn(consent.id)
    consent.withdrawn_at = utcnow()
    db.session.flush()
    audit("consent_withdrawn", consent.person, user=actor,
          detail={"consent_id": consent.id, "purpose": consent.purpose})
    return consent
