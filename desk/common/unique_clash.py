"""What a unique index that refused a row means for the user: the twin of a form sent at the
same moment won (two operators registering the same codice fiscale), so say so in words.

Both engines are read: PostgreSQL names the index (SQLSTATE 23505 and its constraint name),
SQLite names the columns ("UNIQUE constraint failed: person.tax_code").
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

TAX_CODE_TAKEN = _l("This tax code (codice fiscale) already belongs to another person. Search "
                    "for it: the person may already be registered, here or at another desk.")
DOCUMENT_TAKEN = _l("This document (type and number) already belongs to another person. Check "
                    "the number, or search for it: the person may already be registered.")

# index name (PostgreSQL) / "table.column, ..." (SQLite) -> (form field, message)
_CLASHES = {
    "uq_person_tax_code": ("tax_code", TAX_CODE_TAKEN),
    "person.tax_code": ("tax_code", TAX_CODE_TAKEN),
    "uq_residence_document_type_number": ("doc_number", DOCUMENT_TAKEN),
    "residence_document.doc_type, residence_document.number": ("doc_number", DOCUMENT_TAKEN),
}


def clash_of(error: BaseException) -> tuple[str, object] | None:
    """(field, message) when `error` is a strong identifier already taken, else None."""
    if not isinstance(error, IntegrityError):
        return None
    original = error.orig
    diag = getattr(original, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name in _CLASHES:
        return _CLASHES[name]
    text = str(original)
    prefix = "UNIQUE constraint failed: "
    if text.startswith(prefix):
        return _CLASHES.get(text[len(prefix):].strip())
    return None
