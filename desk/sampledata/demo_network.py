"""The demo territory's network: a directory of invented services for Torino and Cuneo, of
each kind, and the partner account of one Torino shelter. Found before made, so seeding
again changes nothing."""

from datetime import date, time

from sqlalchemy import select

from ..extensions import db
from ..models.directory import Service
from ..models.external_referrals import PartnerMember
from ..network.directory_services import ServiceData, create_service

PARTNER_EMAIL = "partner@demo.test"
PARTNER_ORGANISATION = ("TO", "Casa Sant'Anselmo — Accoglienza")

MON, TUE, WED, THU, FRI, SAT = range(6)


def _week(days, *slots):
    return {day: [(time(*o), time(*c)) for o, c in slots] for day in days}


def _entry(province, organisation, kind, name, needs, languages, hours, address, access,
           **extra):
    return province, ServiceData(organisation=organisation, kind=kind, name=name, needs=needs,
                                 languages=languages, hours=hours, address=address,
                                 access_mode=access, verified_on=extra.pop("verified_on",
                                                                          date(2026, 9, 15)),
                                 **extra)


WEEKDAYS = (MON, TUE, WED, THU, FRI)
DIRECTORY = (
    _entry("TO", "Casa Sant'Anselmo — Accoglienza", "third_sector", "Accoglienza notturna",
           ["housing"], ["it", "ar", "fr"], {**_week((MON, WED), ((18, 0), (21, 0))),
                                           **_week((THU,), ((9, 0), (12, 0)), ((18, 0), (21, 0)))},
           "Via Cigna 14, 10152 Torino", "letter_required", phone="011 521 4477",
           email="accoglienza@santanselmo.example", website="https://santanselmo.example",
           eligibility="Adulti senza dimora; anche senza permesso di soggiorno.",
           what_to_bring="Un documento, se lo ha; la lettera dello sportello.",
           contact_person="Suor Marta"),
    _entry("TO", "Associazione Dar al-Salam", "third_sector", "Casa di accoglienza per donne",
           ["housing", "violence"], ["it", "ar"], _week((TUE, THU), ((14, 0), (18, 0))),
           "Corso Giulio Cesare 52, 10152 Torino", "appointment", phone="011 238 9911",
           eligibility="Donne sole o con figli minori.", contact_person="Fatima"),
    _entry("TO", "Dormitorio Porta Palazzo", "third_sector", "Posti letto d'emergenza",
           ["housing"], ["it", "en"], _week((MON, TUE, WED, THU, FRI, SAT), ((19, 0), (23, 0))),
           "Via Borgo Dora 3, 10152 Torino", "walk_in", phone="011 436 0021",
           verified_on=date(2025, 2, 1)),
    _entry("TO", "ASL Città di Torino", "public", "Ambulatorio ISI (stranieri temporaneamente "
           "presenti)", ["health"], ["it", "en", "fr", "ar"], _week(WEEKDAYS, ((8, 30), (12, 30))),
           "Via Monginevro 130, 10141 Torino", "walk_in", phone="011 566 2233",
           website="https://www.aslcittaditorino.example/isi",
           what_to_bring="Un documento; il codice STP se lo ha già."),
    _entry("TO", "Questura di Torino", "public", "Ufficio immigrazione",
           ["documents", "asylum"], ["it", "en"], _week(WEEKDAYS, ((8, 30), (13, 0))),
           "Corso Verona 4, 10152 Torino", "appointment",
           website="https://questure.example/torino",
           what_to_bring="Passaporto, ricevuta della domanda, 4 fototessere."),
    _entry("TO", "Centro per l'impiego Torino", "public", "Orientamento al lavoro",
           ["work"], ["it", "en", "fr"], _week((MON, WED, FRI), ((9, 0), (12, 0))),
           "Via Castelgomberto 75, 10137 Torino", "appointment", phone="011 861 4000"),
    _entry("TO", "CPIA 1 Torino", "public", "Corsi di italiano L2",
           ["italian_course", "education"], ["it", "en", "ar", "zh"],
           _week((MON, TUE, WED, THU), ((9, 0), (12, 0)), ((15, 0), (18, 0))),
           "Via Cecchi 22, 10152 Torino", "walk_in", phone="011 248 3321"),
    _entry("TO", "ASGI — Sportello legale", "third_sector", "Consulenza legale gratuita",
           ["legal_advice", "documents", "asylum", "family_reunification"],
           ["it", "en", "fr", "ar"], _week((TUE, THU), ((15, 0), (18, 0))),
           "Via Saluzzo 23, 10125 Torino", "appointment", email="sportello@asgi-to.example"),
    _entry("TO", "Banco alimentare San Salvario", "third_sector", "Distribuzione pacchi "
           "alimentari", ["income"], ["it", "ar", "bn"], _week((THU, SAT), ((9, 30), (12, 0))),
           "Via Nizza 41, 10125 Torino", "letter_required"),
    _entry("TO", "Progetto Freedom", "third_sector", "Servizio anti-tratta",
           ["violence"], ["it", "en", "fr", "uk"], _week(WEEKDAYS, ((9, 0), (17, 0))),
           "Indirizzo riservato — contattare per telefono", "appointment",
           phone="800 290 290"),
    _entry("CN", "Caritas Cuneo", "third_sector", "Accoglienza e centro d'ascolto",
           ["housing", "income"], ["it", "fr", "ar"], _week((MON, THU), ((9, 0), (12, 0))),
           "Via Amedeo Rossi 28, 12100 Cuneo", "walk_in", phone="0171 697 110"),
    _entry("CN", "Comune di Cuneo", "public", "Anagrafe — residenza", ["documents"], ["it"],
           _week(WEEKDAYS, ((8, 30), (12, 30))), "Via Roma 28, 12100 Cuneo", "appointment"),
    _entry("CN", "ASL CN1", "public", "Consultorio familiare", ["health", "mental_health"],
           ["it", "en"], _week((TUE, THU), ((9, 0), (13, 0))), "Via Carlo Boggio 12, 12100 Cuneo",
           "appointment", phone="0171 450 111"),
    _entry("CN", "CPIA Cuneo", "public", "Italiano per adulti", ["italian_course"],
           ["it", "ar", "ur"], _week((MON, WED), ((14, 0), (17, 0))),
           "Corso Soleri 16, 12100 Cuneo", "walk_in"),
)


def ensure_directory(actor=None) -> int:
    """Add the demo services not yet present; the number added."""
    added = 0
    for province, data in DIRECTORY:
        present = db.session.scalar(select(Service.id).where(Service.name == data.name))
        if present is None:
            create_service(actor, province, data)
            added += 1
    return added


def ensure_partner(users) -> None:
    """The demo partner account belongs to the Torino shelter."""
    partner = users.get(PARTNER_EMAIL)
    if partner is None or db.session.get(PartnerMember, partner.id) is not None:
        return
    service = db.session.scalar(select(Service).where(Service.name == "Accoglienza notturna"))
    db.session.add(PartnerMember(user_id=partner.id, organisation_id=service.organisation_id))
    db.session.flush()


def ensure_demo_referral(users) -> None:
    """One case of Torino already sent to the shelter, so the partner's inbox is not empty."""
    from datetime import timedelta

    from ..common.clock import today
    from ..models.cases import Case
    from ..models.external_referrals import ExternalReferral
    from ..models.sites import Site
    from ..network.referral_services import ReferralData, refer_externally

    if db.session.scalar(select(ExternalReferral.id).limit(1)) is not None:
        return
    operator = users.get("operatore@demo.test")
    case = db.session.scalar(select(Case).join(Site, Site.id == Case.site_id)
                             .where(Site.code == "TO", Case.status != "closed")
                             .order_by(Case.id.desc()).limit(1))
    service = db.session.scalar(select(Service).where(Service.name == "Accoglienza notturna"))
    if operator is None or case is None or service is None:
        return
    refer_externally(operator, case, service, ReferralData(
        reason="housing", urgency="urgent", follow_up_on=today() + timedelta(days=7),
        agreed="Si presenta con la lettera dello sportello.", consent_given=True))
