"""The life of one synthetic person at the desk, as rows for bulk insertion.

Times are chronological and never in the future; states follow the real flows: an open case
has pending or declined referrals only, a case in progress has accepted work, a closed case
has only finished referrals. About ten timeline events per person on average.
"""

import random
from collections import defaultdict
from datetime import datetime, timedelta

from ..counter.search_keys import name_key
from ..vocab.codes import PERMIT_TYPES
from .casestory import HEAVY_EVERY, CaseStory, SiteStaff, weighted
from .names import ORIGINS, Origin
from .story import NEWCOMER_INTERPRETER, NEWCOMERS, is_newcomer
from .tax_codes import IdentifierBook, tax_code

PERMIT_WEIGHTS = {
    code: weight for code, weight in {
        "work_employed": 20, "family": 14, "asylum_pending": 10, "subsidiary_protection": 6,
        "refugee": 5, "eu_long_term": 12, "passport_only": 8, "special_protection": 5,
        "none": 6, "study": 3, "job_seeking": 2, "work_self_employed": 2, "eu_family_card": 2,
        "medical_treatment": 1, "minor_age": 1, "special_cases_violence": 1,
    }.items() if code in PERMIT_TYPES
}

def _cumulative(pairs):
    total, result = 0, []
    for item, weight in pairs:
        total += weight
        result.append((total, item))
    return total, result


ORIGIN_OF = {origin.country: origin for origin in ORIGINS}
_ORIGIN_TOTAL, _ORIGIN_CUM = _cumulative((origin, origin.region_weight) for origin in ORIGINS)


class Storyteller(CaseStory):
    """Appends the rows of one person's history to `rows` (table name -> list of dicts)."""

    def __init__(self, rng: random.Random, now: datetime, ids, due_days: dict[str, int],
                 book: IdentifierBook | None = None):
        self.rng = rng
        self.book = book if book is not None else IdentifierBook()
        self.now = now
        self.ids = ids  # table name -> callable returning the next id
        self.due_days = due_days
        self.rows: dict[str, list[dict]] = defaultdict(list)

    # -- people -------------------------------------------------------------------------
    def person(self, index: int, staff: SiteStaff) -> None:
        rng, now = self.rng, self.now
        first_contact = self._opened_at(None)
        status = self._status_for_age(first_contact)
        newcomer = is_newcomer(rng, staff.province, now, first_contact)
        origin = ORIGIN_OF[NEWCOMERS] if newcomer else self._origin()
        nationality = origin.country
        sex = rng.choices("FMXU", weights=(47, 50, 1, 2))[0]
        pool = origin.female if sex == "F" or (sex in "XU" and rng.random() < 0.5) \
            else origin.male
        given, given_orig = rng.choice(pool)
        family, family_orig = rng.choice(origin.family)
        if rng.random() < 0.15:  # original script not recorded
            given_orig = family_orig = None
        age = min(90, max(16, int(rng.gauss(34, 11))))
        birth_year = now.year - age
        birth_date = None
        if rng.random() < 0.8:
            birth_date = datetime(birth_year, rng.randint(1, 12), rng.randint(1, 28)).date()
        person_id = self.ids["person"]()
        heavy = index % HEAVY_EVERY == 0
        languages = list(origin.languages[: rng.randint(1, len(origin.languages))])
        interpreter = rng.random() < (NEWCOMER_INTERPRETER if newcomer else origin.interpreter_rate)
        self.rows["person"].append({
            "id": person_id, "site_id": staff.site_id, "given_name": given, "family_name": family,
            "given_name_original": given_orig, "family_name_original": family_orig,
            "name_key": name_key(given, family, given_orig, family_orig),
            "birth_year": birth_year, "birth_date": birth_date, "sex": sex,
            "nationality": nationality, "preferred_language": languages[0],
            "interpreter_needed": interpreter,
            "phone": f"+393{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}"
            if rng.random() < 0.85 else None,
            "tax_code": self.book.tax_code(tax_code(
                family, given, birth_date, "F" if sex == "F" else "M", origin.belfiore))
            if birth_date and origin.belfiore and rng.random() < 0.35 else None,
            "created_at": first_contact, "created_by_id": rng.choice(staff.operators),
            "pseudonymised_at": None,
        })
        for language in languages:
            self.rows["person_language"].append({"person_id": person_id, "language": language})
        if rng.random() < 0.95:
            for purpose in ("privacy_notice", "share_with_services"):
                self.rows["consent"].append({
                    "person_id": person_id, "purpose": purpose, "given_at": first_contact,
                    "language": languages[0], "recorded_by_id": rng.choice(staff.operators),
                    "withdrawn_at": None, "note": None,
                })
        document = None
        if rng.random() < 0.6:
            document = weighted(rng, PERMIT_WEIGHTS)
            self.rows["residence_document"].append({
                "person_id": person_id, "doc_type": document,
                "number": None if document == "none" else self.book.document(
                    document, rng, lambda r: f"I{r.randint(10**7, 10**8 - 1)}"),
                "expiry_date": (now + timedelta(days=rng.randint(-200, 900))).date(),
                "created_at": first_contact, "updated_at": first_contact, "version": 1,
            })
        subject = {"id": person_id, "languages": languages, "interpreter": interpreter,
                   "document": document}
        if status is None:
            self.access(subject, staff, None, first_contact, "information")
            return
        last = self.case(subject, staff, status, first_contact, heavy)
        if status == "closed" and rng.random() < 0.12:
            second = "in_progress" if rng.random() < 0.6 else "open"
            later = self._opened_at(second)
            if later > last:
                self.case(subject, staff, second, later, False)

    def _origin(self) -> Origin:
        point = self.rng.uniform(0, _ORIGIN_TOTAL)
        for bound, item in _ORIGIN_CUM:
            if point <= bound:
                return item
        return _ORIGIN_CUM[-1][1]

    def _status_for_age(self, opened: datetime) -> str | None:
        """About 90 new people a day: recent cases are open, a year's worth are in progress,
        older ones mostly closed; some people only asked for information (no case)."""
        rng, age = self.rng, (self.now - opened).days
        if rng.random() < 0.08:
            return None
        if age < 30:  # referrals are mostly answered within days
            return "open" if rng.random() < (0.8 if age < 12 else 0.15) else "in_progress"
        if age < 365:
            return "in_progress" if rng.random() < 0.35 else "closed"
        return "in_progress" if rng.random() < 0.04 else "closed"

    def _opened_at(self, status: str | None) -> datetime:
        span = {"closed": (240, 3 * 365), "in_progress": (5, 365), "open": (0, 45),
                None: (0, 3 * 365)}[status]
        return self.now - timedelta(days=self.rng.uniform(*span), minutes=self.rng.randint(0, 600))
