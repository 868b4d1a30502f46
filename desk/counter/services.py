"""Registering people, keeping their search index, recording consent."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select

from ..audit.services import audit
from ..common.bulk_insert import insert_rows
from ..common.clock import utcnow
from ..extensions import db
from ..identity.identifier_services import refuse_taken_identifiers
from ..models.people import Consent, Person, PersonLanguage, PersonNameToken, ResidenceDocument
from .search_keys import name_key, normalise_name, phonetic, search_keys

SHARE_PURPOSE = "share_with_services"


@dataclass
class PersonData:
    """What the registration form collected, already validated and normalised."""

    given_name: str
    family_name: str
    given_name_original: str | None = None
    family_name_original: str | None = None
    sex: str = "U"
    birth_year: int | None = None
    birth_date: date | None = None
    nationality: str | None = None
    languages: list[str] = field(default_factory=list)
    preferred_language: str | None = None
    interpreter_needed: bool = False
    phone: str | None = None
    tax_code: str | None = None
    doc_type: str | None = None
    doc_number: str | None = None
    doc_expiry: date | None = None
    privacy_notice_given: bool = False
    share_consent: bool = False
    notice_language: str | None = None


def index_names(person: Person) -> None:
    """Rebuild the person's rows in the name search index (call after any name change)."""
    if person.id is not None:
        db.session.execute(delete(PersonNameToken).where(PersonNameToken.person_id == person.id))
    names = (person.given_name, person.family_name,
             person.given_name_original, person.family_name_original)
    person.name_key = name_key(*names)
    rows = {}
    for word in person.name_key.split():
        token = word[:120]
        exact = phonetic(word)
        for key in search_keys(word):
            rows[(token, key[:120])] = key != exact
    db.session.flush()
    db.session.add_all(
        PersonNameToken(person_id=person.id, token=token, key=key, is_variant=variant)
        for (token, key), variant in rows.items()
    )


def _apply(person: Person, data: PersonData) -> None:
    for name in ("given_name", "family_name", "given_name_original", "family_name_original",
                 "sex", "birth_year", "birth_date", "nationality", "preferred_language",
                 "interpreter_needed", "phone", "tax_code"):
        setattr(person, name, getattr(data, name))
    languages = list(dict.fromkeys(data.languages))
    if data.preferred_language and data.preferred_language not in languages:
        languages.insert(0, data.preferred_language)
    person.language_rows = [PersonLanguage(language=code) for code in languages]


def register_person(actor, site, data: PersonData, form_token: str | None = None) -> Person:
    refuse_taken_identifiers(actor, tax_code=data.tax_code, doc_type=data.doc_type,
                             doc_number=data.doc_number)
    person = Person(site_id=site.id, created_by_id=actor.id, form_token=form_token)
    _apply(person, data)
    db.session.add(person)
    db.session.flush()
    index_names(person)
    if data.doc_type:
        person.documents.append(ResidenceDocument(
            doc_type=data.doc_type, number=data.doc_number, expiry_date=data.doc_expiry))
    language = data.notice_language or data.preferred_language or "it"
    if data.privacy_notice_given:
        record_consent(actor, person, "privacy_notice", language)
    if data.share_consent:
        record_consent(actor, person, SHARE_PURPOSE, language)
    db.session.flush()
    audit("create", person)
    return person


def register_people(actor, site, many: list[PersonData]) -> list[Person]:
    """Many people at once (an imported register), recorded as register_person records one
    (names indexed, languages, an audit row each) in a few statements for the whole batch.
    The caller has checked their strong identifiers (the unique index stays the last word);
    documents and consents are not part of a register."""
    if any(data.doc_type or data.privacy_notice_given or data.share_consent for data in many):
        raise ValueError("register_people takes no documents and no consents")
    people = []
    for data in many:
        person = Person(site_id=site.id, created_by_id=actor.id)
        _apply(person, data)
        person.name_key = name_key(person.given_name, person.family_name,
                                   person.given_name_original, person.family_name_original)
        people.append(person)
    db.session.add_all(people)
    db.session.flush()
    tokens = {}
    for person in people:
        for word in person.name_key.split():
            exact = phonetic(word)
            for key in search_keys(word):
                tokens[(person.id, word[:120], key[:120])] = key != exact
    if tokens:
        insert_rows(PersonNameToken.__table__, [
            {"person_id": person_id, "token": token, "key": key, "is_variant": variant}
            for (person_id, token, key), variant in tokens.items()])
    for person in people:
        audit("create", person, user=actor)
    return people


def update_person(actor, person: Person, data: PersonData) -> Person:
    refuse_taken_identifiers(actor, tax_code=data.tax_code, except_person_id=person.id)
    _apply(person, data)
    index_names(person)
    db.session.flush()
    audit("update", person, user=actor)
    return person


def record_consent(actor, person: Person, purpose: str, language: str) -> Consent:
    consent = Consent(person_id=person.id, purpose=purpose, language=language,
                      recorded_by_id=actor.id, given_at=utcnow())
    db.session.add(consent)
    person.consents.append(consent)
    return consent


def has_consent(person: Person, purpose: str = SHARE_PURPOSE) -> bool:
    return any(c.purpose == purpose and c.withdrawn_at is None for c in person.consents)


def person_by_form_token(token: str | None) -> Person | None:
    if not token:
        return None
    return db.session.scalar(select(Person).where(Person.form_token == token))


def normalised_words(text: str) -> list[str]:
    return normalise_name(text).split()
