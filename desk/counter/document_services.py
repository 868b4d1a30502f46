"""Residence documents (permits): added or updated from a case, written on its timeline."""

from datetime import date

from flask_babel import gettext as _

from ..audit.services import audit
from ..common.refusals import ActionRefused, check_version
from ..extensions import db
from ..identity.identifier_services import refuse_taken_identifiers
from ..models.history import record_event
from ..models.people import ResidenceDocument
from ..vocab.codes import PERMIT_TYPES
from .search_parse import compact_identifier

MAX_NUMBER_LENGTH = 40


def _clean(doc_type: str, number: str | None) -> str | None:
    if doc_type not in PERMIT_TYPES:
        raise ActionRefused(_("Choose the type of document from the list."))
    raw = (number or "").strip()
    if not raw:
        return None
    # The same form as at registration and in search: letters and digits, upper case.
    number = compact_identifier(raw)
    if len(number) < 3 or len(number) > MAX_NUMBER_LENGTH or len(raw) > 60:
        raise ActionRefused(_("A document number has 3 to 40 letters and digits."))
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
    number = _clean(doc_type, number)
    refuse_taken_identifiers(actor, doc_type=doc_type, doc_number=number)
    doc = ResidenceDocument(person_id=case.person_id, doc_type=doc_type, number=number,
                            expiry_date=expiry_date)
    db.session.add(doc)
    db.session.flush()
    _log(actor, case, doc, "added")
    db.session.flush()
    return doc


def update_document(actor, case, doc: ResidenceDocument, version, *, doc_type: str,
                    number: str | None, expiry_date: date | None) -> None:
    check_version(doc, version)
    doc.number = _clean(doc_type, number)
    refuse_taken_identifiers(actor, doc_type=doc_type, doc_number=doc.number,
                             except_person_id=doc.person_id)
    doc.doc_type = doc_type
    doc.expiry_date = expiry_date
    db.session.flush()
    _log(actor, case, doc, "updated")
    db.session.flush()
