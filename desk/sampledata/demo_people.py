"""Demo people: names in two scripts, birth dates, documents, phones, tax codes, consents."""

import random
from datetime import date, datetime, timedelta

from ..counter.search_keys import name_key
from ..models.people import Consent, Person, PersonLanguage, ResidenceDocument
from .names import BY_COUNTRY, MOBILE_PREFIXES, ORIGINS, SHOWCASE, Origin
from .tax_codes import IdentifierBook, tax_code

# Residence documents typically held, by group of countries of origin.
_PERMITS_PROTECTION = ("refugee", "subsidiary_protection", "asylum_pending", "special_protection")
_PERMITS_ECONOMIC = (
    "work_employed", "work_employed", "family", "eu_long_term", "job_seeking", "study", "none",
)
_PERMITS = {
    "AF": _PERMITS_PROTECTION, "ER": _PERMITS_PROTECTION, "SD": _PERMITS_PROTECTION,
    "SY": _PERMITS_PROTECTION,
    "UA": ("temporary_protection", "temporary_protection", "work_employed", "family"),
    "RO": ("eu_citizen",),  # EU citizens need no permit
    "CN": ("work_self_employed", "work_employed", "family", "eu_long_term", "study"),
    "BD": ("work_employed", "asylum_pending", "special_protection", "work_seasonal", "none"),
    "PK": ("work_employed", "asylum_pending", "special_protection", "family", "none"),
    "NG": ("asylum_pending", "special_protection", "special_cases_violence", "work_employed",
           "subsidiary_protection", "none"),
    "SN": ("work_employed", "asylum_pending", "special_protection", "work_seasonal", "none"),
    "ML": ("asylum_pending", "special_protection", "subsidiary_protection", "work_seasonal"),
    "GM": ("asylum_pending", "special_protection", "work_employed", "minor_age"),
    "GN": ("asylum_pending", "special_protection", "subsidiary_protection", "none"),
}
_NO_EXPIRY = {"eu_long_term", "none", "eu_citizen"}


def pick_origin(rng: random.Random, site_code: str) -> Origin:
    weights = [o.weight_to if site_code == "TO" else o.weight_cn for o in ORIGINS]
    return rng.choices(ORIGINS, weights=weights)[0]


def build_person(rng, index: int, site, operator, registered_at: datetime, today: date,
                 book: IdentifierBook | None = None) -> Person:
    """One person; the first ones are the fixed showcase people (homonyms, transcriptions).
    `book` keeps the tax codes and documents unique among all people built with it."""
    book = book if book is not None else IdentifierBook()
    if index < len(SHOWCASE):
        country, sex, given, family, _site_code = SHOWCASE[index]
        origin = BY_COUNTRY[country]
    else:
        origin = pick_origin(rng, site.code)
        sex = "F" if rng.random() < 0.45 else "M"
        given = rng.choice(origin.female if sex == "F" else origin.male)
        family = rng.choice(origin.family)
    birth_year, birth_date = _birth(rng, today)
    person = Person(
        site=site,
        given_name=given[0],
        family_name=family[0],
        given_name_original=given[1],
        family_name_original=family[1],
        name_key=name_key(given[0], family[0], given[1], family[1]),
        birth_year=birth_year,
        birth_date=birth_date,
        sex=sex,
        nationality=origin.country,
        created_at=registered_at,
        created_by_id=operator.id,
    )
    _languages(rng, person, origin)
    person.phone = _phone(rng) if rng.random() < 0.75 else None
    person.documents = _documents(rng, origin, birth_year, registered_at, today, book)
    has_permit = any(d.doc_type not in ("none", "asylum_pending", "passport_only")
                     for d in person.documents)
    if birth_date and origin.belfiore and has_permit and rng.random() < 0.6:
        person.tax_code = book.tax_code(
            tax_code(family[0], given[0], birth_date, sex, origin.belfiore))
    # A handful of people have not (yet) agreed to share their data with the teams.
    sharing = index % 23 != 5
    person.consents = _consents(person, operator, registered_at, sharing)
    return person


def shares_data(person: Person) -> bool:
    return any(c.purpose == "share_with_services" for c in person.consents)


def _birth(rng, today: date) -> tuple[int, date | None]:
    age = rng.choices(
        [rng.randint(16, 17), rng.randint(18, 25), rng.randint(26, 35), rng.randint(36, 50),
         rng.randint(51, 72)],
        weights=[3, 27, 32, 28, 10],
    )[0]
    birth = today - timedelta(days=age * 365 + rng.randint(0, 364))
    # Many people know only the year of birth (documents issued on arrival, 1 January).
    if rng.random() < 0.25:
        return birth.year, None
    return birth.year, birth


def _languages(rng, person: Person, origin: Origin) -> None:
    languages = list(origin.languages)
    if len(languages) > 2 and rng.random() < 0.5:
        languages = languages[:2]
    person.interpreter_needed = rng.random() < origin.interpreter_rate
    if not person.interpreter_needed and "it" not in languages:
        languages.append("it")
    person.preferred_language = languages[0]
    person.language_rows = [PersonLanguage(language=code) for code in languages]


def _phone(rng) -> str:
    return f"+39{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"


def _documents(rng, origin, birth_year, registered_at, today,
               book: IdentifierBook) -> list[ResidenceDocument]:
    choices = _PERMITS.get(origin.country, _PERMITS_ECONOMIC)
    doc_type = rng.choice(choices)
    if today.year - birth_year < 18 and origin.country != "RO":
        doc_type = "minor_age"
    documents = [_document(rng, doc_type, registered_at, today, book)]
    if doc_type not in ("passport_only", "none", "eu_citizen") and rng.random() < 0.25:
        documents.append(_document(rng, "passport_only", registered_at, today, book))
    return documents


def _document(rng, doc_type: str, registered_at: datetime, today: date,
              book: IdentifierBook) -> ResidenceDocument:
    number = None
    expiry = None
    if doc_type != "none":
        letters = "ABCDEFGHJKLMNPRSTUVZ"
        number = book.document(doc_type, rng, lambda r: (
            f"{r.choice(letters)}{r.choice(letters)}{r.randrange(10**7):07d}"))
    if doc_type not in _NO_EXPIRY:
        roll = rng.random()
        if roll < 0.18:  # expiring within the next 60 days: the renewals the desk chases
            expiry = today + timedelta(days=rng.randint(3, 58))
        elif roll < 0.28:  # already expired, renewal pending
            expiry = today - timedelta(days=rng.randint(5, 200))
        else:
            expiry = today + timedelta(days=rng.randint(61, 720))
    return ResidenceDocument(
        doc_type=doc_type, number=number, expiry_date=expiry,
        created_at=registered_at, updated_at=registered_at,
    )


def _consents(person, operator, registered_at, sharing: bool) -> list[Consent]:
    purposes = ["privacy_notice"] + (["share_with_services"] if sharing else [])
    return [
        Consent(purpose=purpose, given_at=registered_at, language=person.preferred_language,
                recorded_by_id=operator.id)
        for purpose in purposes
    ]


