"""A small territory network for the tests: services in Torino's province and one in
Cuneo's, and a partner account of the Torino shelter."""

from dataclasses import dataclass
from datetime import date, time

from desk.extensions import db
from desk.models.directory import (
    Organisation,
    Service,
    ServiceLanguage,
    ServiceNeed,
    ServiceOpening,
)
from desk.models.external_referrals import PartnerMember

THU = 3


def add_service(province, organisation, kind, name, needs, languages=(), hours=(),
                access_mode="walk_in", verified_on=date(2026, 3, 1), active=True, **extra):
    org = db.session.query(Organisation).filter_by(province=province, name=organisation).first()
    if org is None:
        org = Organisation(province=province, name=organisation, kind=kind)
        db.session.add(org)
        db.session.flush()
    service = Service(organisation_id=org.id, name=name, address=extra.pop("address", "Via Roma 1"),
                      access_mode=access_mode, verified_on=verified_on, active=active, **extra)
    service.need_rows = [ServiceNeed(need=n) for n in needs]
    service.language_rows = [ServiceLanguage(language=code) for code in languages]
    service.openings = [ServiceOpening(weekday=d, opens=time(*o), closes=time(*c))
                        for d, o, c in hours]
    db.session.add(service)
    db.session.commit()
    return service


@dataclass
class Network:
    shelter: Service  # Third Sector, housing, Arabic, open Thursday morning (Torino)
    dormitory: Service  # Third Sector, housing, Italian only, open Thursday (Torino)
    clinic: Service  # public, health, Arabic, Monday to Friday (Torino)
    cuneo_shelter: Service  # same as the shelter, in Cuneo's province
    partner_email: str = "partner@example.test"


def build_network(make) -> Network:
    make.site("TO")
    make.site("CN")
    shelter = add_service("TO", "Casa del Ponte", "third_sector", "Accoglienza notturna",
                          ["housing"], ["ar", "fr", "it"], [(THU, (9, 0), (12, 0)),
                                                            (0, (14, 0), (18, 0))],
                          what_to_bring="Documento d'identità", contact_person="Sara")
    dormitory = add_service("TO", "Dormitorio San Luca", "third_sector", "Posti letto",
                            ["housing"], ["it"], [(THU, (18, 0), (22, 0))],
                            verified_on=date(2024, 1, 10))
    clinic = add_service("TO", "ASL Città di Torino", "public", "Ambulatorio ISI",
                         ["health"], ["ar", "it"], [(d, (8, 30), (12, 30)) for d in range(5)],
                         access_mode="letter_required")
    cuneo = add_service("CN", "Casa di Cuneo", "third_sector", "Accoglienza", ["housing"],
                        ["ar"], [(THU, (9, 0), (12, 0))])
    from desk.auth.services import find_user_by_email

    partner = find_user_by_email("partner@example.test") or make.user(
        email="partner@example.test", roles=("partner",), sites=())
    db.session.add(PartnerMember(user_id=partner.id, organisation_id=shelter.organisation_id))
    other = make.user(email="partner2@example.test", roles=("partner",), sites=())
    db.session.add(PartnerMember(user_id=other.id, organisation_id=clinic.organisation_id))
    db.session.commit()
    return Network(shelter, dormitory, clinic, cuneo)
