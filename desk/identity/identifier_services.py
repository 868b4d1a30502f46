"""Strong identifiers (the codice fiscale, a document's type and number) belong to one person
across every site: who already holds the ones a form carries.

A holder the user may see is named by the id of their record (to open it); one the user may
not see, by the name of their desk only (policy.crossdesk)."""

from dataclasses import dataclass

from sqlalchemy import select

from ..common.refusals import ActionRefused
from ..common.unique_clash import DOCUMENT_TAKEN, TAX_CODE_TAKEN
from ..extensions import db
from ..models.people import Person
from ..models.sites import Site
from ..policy import person_condition
from ..policy.crossdesk import strong_identifier_holders, tax_code_holders

MESSAGES = {"tax_code": TAX_CODE_TAKEN, "doc_number": DOCUMENT_TAKEN}


@dataclass(frozen=True)
class Clash:
    what: str  # "tax_code" or "doc_number": the form field it concerns
    site_name: str
    person_id: int | None  # only when the user may see that person

    @property
    def message(self):
        return MESSAGES[self.what]


class IdentifierTaken(ActionRefused):
    def __init__(self, clash: Clash):
        super().__init__(clash.message)
        self.clash = clash


def identifier_clashes(user, *, tax_code=None, doc_type=None, doc_number=None,
                       except_person_id=None) -> list[Clash]:
    query = strong_identifier_holders(tax_code, doc_type, doc_number, except_person_id)
    if query is None:
        return []
    rows = db.session.execute(query).all()
    if not rows:
        return []
    ids = {row.person_id for row in rows}
    visible = set(db.session.scalars(select(Person.id).where(
        Person.id.in_(ids), person_condition(user)))) if user is not None else set()
    names = dict(db.session.execute(select(Site.id, Site.name).where(
        Site.id.in_({row.site_id for row in rows}))).all())
    return [Clash(row.what, names[row.site_id],
                  row.person_id if row.person_id in visible else None) for row in rows]


def refuse_taken_identifiers(user, **identifiers) -> None:
    """Raise IdentifierTaken for the first identifier someone else already holds."""
    clashes = identifier_clashes(user, **identifiers)
    if clashes:
        raise IdentifierTaken(clashes[0])


def taken_tax_codes(tax_codes) -> dict[str, str]:
    """{tax code: the name of the desk whose person holds it} for those already taken."""
    codes = {c for c in tax_codes if c}
    if not codes:
        return {}
    rows = db.session.execute(tax_code_holders(codes)).all()
    names = dict(db.session.execute(select(Site.id, Site.name).where(
        Site.id.in_({row.site_id for row in rows}))).all()) if rows else {}
    return {row.tax_code: names[row.site_id] for row in rows}
