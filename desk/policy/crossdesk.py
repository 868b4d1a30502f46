"""Looking across desks without disclosing: which sites hold a person who matches.

Strong identifiers (the codice fiscale, a document's type and number) are unique across every
site, so registering one must look everywhere; and a person registered at another desk is
announced to the operator by that desk's name only. These queries therefore read people of
every site, but select only where they are (person id and site id): nothing of the person
leaves the server, and callers show a site's name, never the id. They are the only queries
that look past the user's sites, and they are marked as the policy's own."""

from datetime import date

from sqlalchemy import Select, exists, literal, select, union_all

from ..models.people import Person, PersonNameToken, ResidenceDocument
from .rules import _marked


def strong_identifier_holders(tax_code: str | None = None, doc_type: str | None = None,
                              doc_number: str | None = None,
                              except_person_id: int | None = None) -> Select | None:
    """(what, person_id, site_id) of the people who already hold this tax code ("tax_code")
    or this document ("doc_number"), at any site; None if there is nothing to look for."""
    lookups = []
    if tax_code:
        lookups.append(select(literal("tax_code").label("what"), Person.id.label("person_id"),
                              Person.site_id.label("site_id"))
                       .where(_marked(Person.tax_code == tax_code)))
    if doc_type and doc_number:
        lookups.append(
            select(literal("doc_number").label("what"), Person.id.label("person_id"),
                   Person.site_id.label("site_id"))
            .join(ResidenceDocument, ResidenceDocument.person_id == Person.id)
            .where(_marked(ResidenceDocument.doc_type == doc_type),
                   ResidenceDocument.number == doc_number))
    if except_person_id is not None:
        lookups = [q.where(Person.id != except_person_id) for q in lookups]
    if not lookups:
        return None
    return union_all(*lookups) if len(lookups) > 1 else lookups[0]


def tax_code_holders(tax_codes) -> Select:
    """(tax_code, site_id) of the people, at any site, who hold one of these tax codes (the
    rows of an imported register, looked up together)."""
    return select(Person.tax_code, Person.site_id).where(
        _marked(Person.tax_code.in_(sorted(set(tax_codes)))))


def identifier_holders_elsewhere(user, identifiers: list[str]) -> Select | None:
    """(what, person_id, site_id) of the people at sites other than the user's whose tax code
    or document number is one of `identifiers` (what the counter's search was given)."""
    if not identifiers:
        return None
    elsewhere = Person.site_id.not_in(user.site_ids)
    return union_all(
        select(literal("tax_code").label("what"), Person.id.label("person_id"),
               Person.site_id.label("site_id"))
        .where(_marked(elsewhere), Person.tax_code.in_(identifiers)),
        select(literal("document").label("what"), Person.id.label("person_id"),
               Person.site_id.label("site_id"))
        .join(ResidenceDocument, ResidenceDocument.person_id == Person.id)
        .where(_marked(elsewhere), ResidenceDocument.number.in_(identifiers)),
    )


def name_and_birth_elsewhere(user, words: list[str], birth_date: date) -> Select | None:
    """(what, person_id, site_id) of the people at sites other than the user's born on
    `birth_date` whose names hold every one of `words` (normalised, as the search index keeps
    them: counter.search_keys)."""
    words = [w[:120] for w in dict.fromkeys(words) if w][:4]
    if not words or birth_date is None:
        return None
    has_words = [exists().where(PersonNameToken.person_id == Person.id,
                                PersonNameToken.token == word).correlate(Person)
                 for word in words]
    return (select(literal("name_birth").label("what"), Person.id.label("person_id"),
                   Person.site_id.label("site_id"))
            .where(_marked(Person.site_id.not_in(user.site_ids)),
                   Person.birth_date == birth_date, Person.pseudonymised_at.is_(None),
                   *has_words)
            .limit(50))
