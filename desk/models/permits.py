"""Whether a residence document needs attention: expired, or expiring soon.

A document that has been replaced (the same person has a later-expiring document of the same
kind: a permit by a permit, a passport by a passport) needs none, however old it is.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, exists, or_
from sqlalchemy.orm import aliased

from ..common.clock import today
from .people import ResidenceDocument

EXPIRY_WINDOW_DAYS = 60
IDENTITY = "passport_only"
NO_EXPIRY = ("eu_citizen", "none")


@dataclass(frozen=True)
class Renewal:
    state: str  # "expired" or "expiring"
    days: int   # days since it expired, or days left


def _same_kind(a, b):
    return or_(and_(a.doc_type == IDENTITY, b.doc_type == IDENTITY),
               and_(a.doc_type != IDENTITY, b.doc_type != IDENTITY))


def replaced_condition():
    """SQL condition on ResidenceDocument: a later-expiring one of the same kind exists."""
    later = aliased(ResidenceDocument)
    return exists().where(later.person_id == ResidenceDocument.person_id,
                          later.id != ResidenceDocument.id,
                          _same_kind(later, ResidenceDocument),
                          later.expiry_date > ResidenceDocument.expiry_date)


def needs_renewal_condition(day: date, window_days: int = EXPIRY_WINDOW_DAYS):
    """SQL condition: expired (at any time) or expiring within the window, and not replaced."""
    return and_(ResidenceDocument.expiry_date.is_not(None),
                ResidenceDocument.doc_type.not_in(NO_EXPIRY),
                ResidenceDocument.expiry_date <= day + timedelta(days=window_days),
                ~replaced_condition())


def _is_replaced(doc, documents) -> bool:
    kind = doc.doc_type == IDENTITY
    return any(other is not doc and (other.doc_type == IDENTITY) == kind
               and other.expiry_date and other.expiry_date > doc.expiry_date
               for other in documents)


def renewal(doc, documents, day: date, window_days: int = EXPIRY_WINDOW_DAYS) -> Renewal | None:
    """What the desk should know of `doc` on `day`, given all the person's `documents`."""
    if doc.expiry_date is None or doc.doc_type in NO_EXPIRY or _is_replaced(doc, documents):
        return None
    left = (doc.expiry_date - day).days
    if left < 0:
        return Renewal("expired", -left)
    if left <= window_days:
        return Renewal("expiring", left)
    return None


def renewal_today(doc, documents=None) -> Renewal | None:
    """For templates: `doc` on the desk's date, among the person's documents."""

    return renewal(doc, documents if documents is not None else doc.person.documents, today())


def renewal_counts(documents) -> tuple[int, int]:
    """(expired, expiring soon) among a person's documents, today."""
    states = [renewal_today(doc, documents) for doc in documents]
    return (sum(1 for s in states if s and s.state == "expired"),
            sum(1 for s in states if s and s.state == "expiring"))
