"""Keeping the territory's directory: creating and changing services (audited), and finding
or creating their organisation. Callers pass data already validated (network.validation)."""

from dataclasses import dataclass, field
from datetime import date, time

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..audit.services import audit
from ..common.refusals import ActionRefused, EditConflict
from ..extensions import db
from ..models.directory import (
    Organisation,
    Service,
    ServiceLanguage,
    ServiceNeed,
    ServiceOpening,
)


@dataclass
class ServiceData:
    organisation: str
    kind: str
    name: str
    address: str
    access_mode: str
    needs: list[str]
    languages: list[str] = field(default_factory=list)
    hours: dict[int, list[tuple[time, time]]] = field(default_factory=dict)
    eligibility: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    what_to_bring: str | None = None
    contact_person: str | None = None
    active: bool = True
    verified_on: date | None = None


def organisation_named(province: str, name: str, kind: str) -> Organisation:
    """The organisation of this name in the province (case-insensitive), created if new."""
    found = db.session.scalar(select(Organisation).where(
        Organisation.province == province,
        func.lower(Organisation.name) == name.strip().lower()))
    if found is None:
        found = Organisation(province=province, name=name.strip(), kind=kind)
        db.session.add(found)
        db.session.flush()
    return found


def _duplicate(organisation: Organisation, name: str, service_id: int | None) -> bool:
    query = select(Service.id).where(Service.organisation_id == organisation.id,
                                     func.lower(Service.name) == name.strip().lower())
    if service_id is not None:
        query = query.where(Service.id != service_id)
    return db.session.scalar(query) is not None


def _apply(service: Service, data: ServiceData) -> None:
    for attr in ("name", "address", "access_mode", "eligibility", "phone", "email", "website",
                 "what_to_bring", "contact_person", "active", "verified_on"):
        setattr(service, attr, getattr(data, attr))
    service.name = data.name.strip()
    service.need_rows = [ServiceNeed(need=n) for n in sorted(set(data.needs))]
    service.language_rows = [ServiceLanguage(language=code) for code in sorted(set(data.languages))]
    service.openings = [ServiceOpening(weekday=day, opens=o, closes=c)
                        for day, slots in sorted(data.hours.items()) for o, c in slots]


def create_service(actor, province: str, data: ServiceData) -> Service:
    organisation = organisation_named(province, data.organisation, data.kind)
    if _duplicate(organisation, data.name, None):
        raise ActionRefused(_("%(organisation)s already has a service called %(name)s.",
                              organisation=organisation.name, name=data.name))
    service = Service(organisation_id=organisation.id)
    service.organisation = organisation
    _apply(service, data)
    db.session.add(service)
    db.session.flush()
    audit("create", service, user=actor, detail={"organisation_id": organisation.id})
    return service


def update_service(actor, service: Service, version, data: ServiceData) -> Service:
    if str(version) != str(service.version):
        raise EditConflict()
    organisation = organisation_named(service.organisation.province, data.organisation,
                                      data.kind)
    if _duplicate(organisation, data.name, service.id):
        raise ActionRefused(_("%(organisation)s already has a service called %(name)s.",
                              organisation=organisation.name, name=data.name))
    service.organisation_id = organisation.id
    service.organisation = organisation
    organisation.kind = data.kind
    _apply(service, data)
    db.session.flush()
    audit("update", service, user=actor)
    return service
