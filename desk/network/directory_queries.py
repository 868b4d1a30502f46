"""Reading the directory: finding services by need, language, opening day or time, kind and
free text, within the provinces the user works in (through the access policy)."""

from dataclasses import dataclass, field
from datetime import time

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload

from .. import policy
from ..common.clock import to_local, utcnow
from ..extensions import db
from ..models.cases import Access, AccessNeed
from ..models.directory import (
    Organisation,
    Service,
    ServiceLanguage,
    ServiceNeed,
    ServiceOpening,
)


@dataclass
class ServiceFilter:
    needs: list[str] = field(default_factory=list)
    language: str | None = None
    weekday: int | None = None
    at: time | None = None  # with weekday: open at that moment ("open now")
    kind: str | None = None
    text: str | None = None
    include_inactive: bool = False


def now_weekday_time() -> tuple[int, time]:
    local = to_local(utcnow())
    return local.weekday(), local.time().replace(second=0, microsecond=0)


def _words(text: str) -> list[str]:
    return [w for w in text.casefold().split() if w][:8]


def services_query(user, wanted: ServiceFilter):
    """The services `user` may see that match `wanted` (joined to Organisation, unordered)."""
    query = policy.visible_services(user).join(
        Organisation, Organisation.id == Service.organisation_id)
    if not wanted.include_inactive:
        query = query.where(Service.active.is_(True))
    if wanted.needs:
        query = query.where(exists().where(ServiceNeed.service_id == Service.id,
                                           ServiceNeed.need.in_(wanted.needs)))
    if wanted.language:
        query = query.where(exists().where(ServiceLanguage.service_id == Service.id,
                                           ServiceLanguage.language == wanted.language))
    if wanted.weekday is not None:
        slot = [ServiceOpening.service_id == Service.id, ServiceOpening.weekday == wanted.weekday]
        if wanted.at is not None:
            slot += [ServiceOpening.opens <= wanted.at, ServiceOpening.closes > wanted.at]
        query = query.where(exists().where(*slot))
    if wanted.kind:
        query = query.where(Organisation.kind == wanted.kind)
    for word in _words(wanted.text or ""):
        pattern = f"%{word}%"
        query = query.where(or_(func.lower(Service.name).like(pattern),
                                func.lower(Organisation.name).like(pattern),
                                func.lower(Service.address).like(pattern),
                                func.lower(func.coalesce(Service.eligibility, "")).like(pattern)))
    return query.options(selectinload(Service.need_rows), selectinload(Service.language_rows),
                         selectinload(Service.openings), selectinload(Service.organisation))


def find_services(user, wanted: ServiceFilter, limit: int = 200) -> list[Service]:
    query = services_query(user, wanted)
    return list(db.session.scalars(query.order_by(Organisation.name, Service.name).limit(limit)))


def case_needs(user, case) -> list[str]:
    """The needs recorded on the case (its accesses and referrals), to pre-filter the list."""
    needs = {n for r in case.referrals for n in r.needs}
    needs.update(db.session.scalars(
        select(AccessNeed.need).join(Access, Access.id == AccessNeed.access_id)
        .where(Access.case_id == case.id, policy.access_condition(user))))
    needs.discard("language_barrier")
    needs.discard("other")
    return sorted(needs)


def directory_page(user, include_inactive=True) -> list[Service]:
    return find_services(user, ServiceFilter(include_inactive=include_inactive), limit=1000)
