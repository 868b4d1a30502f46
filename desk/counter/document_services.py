"""Residence documents (permits): added or updated from a case, written on its timeline."""

from datetime import date

from flask_babel import gettext as _

from ..audit.services import audit
from ..common.refusals import ActionRefused, check_version
from ..extensions import db
from ..models.history import record_event
from ..models.people import ResidenceDocument
from ..vocab.codes import PERMIT_TYPES

MAX_NUMBER_LENGTH = 40


def _clean(doc_type: str, number: str | None) -> str | None:
    if doc_type not in PERMIT_TYPES:
        raise ActionRefused(_("Choose the type of document from the list."))
    number = " ".join((number or "").split()).upper() or None
    if number and len(number) > MAX_NUMBER_LENGTH:
        raise ActionRefused(_("The document number is too long."))
    return number


def _log(actor, case, doc: ResidenceDocument, change: str) -> None:
    record_event(case, "document_added", actor, payload={
        "document_id": doc.id, "doc_type": doc.doc_type, "change": change,
        "expiry_date": doc.expiry_date.isoformat() if doc.expiry_date else None,
    })
    audit("create" if change == "added" else "update", doc, user=actor,
          person_id=doc.person_id)


def add_document(actor, case, *, doc_type: str, number: str | None,
                 expiry_date: date | None) -> ResidenceDocument:
    doc = ResidenceDocument(person_id=case.person_id, doc_type=doc_type,
                            number=_clean(doc_type, number), expiry_date=expiry_date)
    db.session.add(doc)
    db.session.flush()
    _log(actor, case, doc, "added")
    db.session.flush()
    return doc


def update_document(actor, case, doc: ResidenceDocument, version, *, doc_type: str,
                    number: str | None, expiry_date: date | None) -> None:
    check_version(doc, version)
    doc.number = _clean(doc_type, number)
    doc.doc_type = doc_type
    doc.expiry_date = expiry_date
    db.session.flush()
    _log(actor, case, doc, "updated")
    db.session.flush()
