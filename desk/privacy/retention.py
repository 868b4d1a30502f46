"""The retention period: who is due for pseudonymisation.

A person is due when RETENTION_YEARS have passed since their last contact with the desk (the
last case closed, the last access, the last news of a referral to an outside service, or the
registration, whichever is latest), no case of theirs is open, no outside service is still
working a referral of theirs, and they are not pseudonymised yet. A legal hold keeps them: they are listed as held.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import exists, func, not_, select

from ..common.clock import utcnow
from ..extensions import db
from ..models.cases import Access, Case
from ..models.external_referrals import ExternalReferral
from ..models.people import Person
from .erasure import pseudonymise_person


@dataclass
class Due:
    person: Person
    last_closed: datetime | None

    @property
    def held(self) -> bool:
        return self.person.legal_hold


def cutoff(now: datetime | None = None, years: int | None = None) -> datetime:
    now = now or utcnow()
    years = current_app.config["RETENTION_YEARS"] if years is None else years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def due_for_pseudonymisation(now: datetime | None = None) -> list[Due]:
    limit = cutoff(now)
    last_closed = (select(func.max(Case.closed_at)).where(Case.person_id == Person.id)
                   .correlate(Person).scalar_subquery())
    stmt = (
        select(Person, last_closed)
        .where(
            Person.pseudonymised_at.is_(None),
            Person.created_at < limit,
            not_(exists().where(Case.person_id == Person.id,
                                (Case.status != "closed") | (Case.closed_at >= limit))),
            not_(exists().where(Access.person_id == Person.id, Access.occurred_at >= limit)),
            not_(exists().where(
                Case.person_id == Person.id, ExternalReferral.case_id == Case.id,
                (ExternalReferral.status != "closed") | (ExternalReferral.sent_at >= limit)
                | (ExternalReferral.outcome_at >= limit))),
        )
        .order_by(Person.site_id, Person.id)
    )
    return [Due(person, closed) for person, closed in db.session.execute(stmt)]


def apply_retention(now: datetime | None = None) -> tuple[list[Due], list[Due]]:
    """Pseudonymise everyone due except those on legal hold: (done, held). Flushes only."""
    done, held = [], []
    for due in due_for_pseudonymisation(now):
        if due.held:
            held.append(due)
            continue
        pseudonymise_person(None, due.person, basis="retention")
        done.append(due)
    return done, held
