"""The demo's procedure sheets and training record: the post offices and the Cuneo Questura
(invented addresses), each territory's local parts of the renewal sheet, and trainings such
that the Cuneo desk has no one trained in the ethno-psychiatric stream. Found before made."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from ..common.clock import local_day
from ..extensions import db
from ..models.directory import Service
from ..models.procedures import ProcedureLocal, ProcedureLocalStep, ProcedureSheet
from ..models.sites import Site
from ..models.training import Training
from ..network.directory_services import create_service
from .demo_network import MON, SAT, TUE, WEEKDAYS, _entry, _week

POST_TO, POST_CN = "Sportello Amico — kit permesso di soggiorno", "Sportello Amico (Cuneo Centro)"
QUESTURA_TO, QUESTURA_CN = "Ufficio immigrazione", "Ufficio immigrazione (Cuneo)"
SERVICES = (
    _entry("TO", "Poste Italiane — Torino Centro", "public", POST_TO, ["documents"], ["it"],
           {**_week(WEEKDAYS, ((8, 20), (19, 5))), **_week((SAT,), ((8, 20), (12, 35)))},
           "Via Esempio Alfieri 10, 10121 Torino", "walk_in"),
    _entry("CN", "Poste Italiane — Cuneo Centro", "public", POST_CN, ["documents"], ["it"],
           {**_week(WEEKDAYS, ((8, 20), (13, 35))), **_week((SAT,), ((8, 20), (12, 35)))},
           "Via Esempio Roma 2, 12100 Cuneo", "walk_in"),
    _entry("CN", "Questura di Cuneo", "public", QUESTURA_CN, ["documents", "asylum"],
           ["it", "en"], {**_week((MON,), ((8, 30), (12, 30))),
                         **_week((TUE,), ((8, 30), (12, 30)), ((15, 0), (17, 0)))},
           "Corso Esempio Dante 1, 12100 Cuneo", "appointment",
           what_to_bring="Passaporto, ricevuta postale, 4 fototessere."),
)
# province -> {step: (service name, typical waiting there, local note)}
RENEWAL_LOCAL = {
    "TO": {"post": (POST_TO, None, None), "questura": (QUESTURA_TO, 45, None),
           "collect": (QUESTURA_TO, 50, "Ritiro solo su appuntamento: controllare l'SMS.")},
    "CN": {"post": (POST_CN, None, None), "questura": (QUESTURA_CN, 20, None),
           "collect": (QUESTURA_CN, 40, None)},
}
# (site, title, stream, days ago, hours, provider, attendees' e-mail)
TRAININGS = (
    ("TO", "Antropologia delle migrazioni", "socio_anthropological", 300, "8", "Università di "
     "Torino", ("operatore@demo.test", "sociale@demo.test", "supervisore@demo.test")),
    ("TO", "Il ruolo del mediatore interculturale", "mediation_role", 220, "12", "Regione "
     "Piemonte", ("mediatrice@demo.test", "mediateur@demo.test", "operatore@demo.test")),
    ("TO", "Testo unico immigrazione: novità 2025", "legal_administrative", 120, "6", "ASGI",
     ("legale@demo.test", "operatore@demo.test", "supervisore@demo.test")),
    ("TO", "Etnopsichiatria e cura transculturale", "ethnopsychiatric", 60, "10",
     "Centro Frantz Fanon", ("mediatrice@demo.test", "sanitario@demo.test", "sociale@demo.test")),
    ("CN", "Culture e famiglie migranti", "socio_anthropological", 250, "6", "Consorzio "
     "socio-assistenziale del Cuneese", ("operatore.cuneo@demo.test", "sociale.cuneo@demo.test")),
    ("CN", "Permessi di soggiorno e rinnovi", "legal_administrative", 90, "4", "Prefettura di "
     "Cuneo", ("legale.cuneo@demo.test", "operatore.cuneo@demo.test")),
)


def ensure_procedures(actor, users: dict, now: datetime) -> None:
    today = local_day(now)
    for province, data in SERVICES:
        if db.session.scalar(select(Service.id).where(Service.name == data.name)) is None:
            create_service(actor, province, data)
    if db.session.get(ProcedureSheet, "permit_renewal") is None:
        db.session.add(ProcedureSheet(code="permit_renewal", reviewed_on=today - timedelta(days=20)))
    reviewed = {"TO": today - timedelta(days=30), "CN": today - timedelta(days=200)}
    for province, steps in RENEWAL_LOCAL.items():
        _ensure_local(province, steps, reviewed[province])
    _ensure_trainings(users, today)
    db.session.flush()


def _ensure_local(province: str, steps: dict, reviewed_on: date) -> None:
    exists = db.session.scalar(select(ProcedureLocal.id).where(
        ProcedureLocal.province == province, ProcedureLocal.sheet == "permit_renewal"))
    if exists is not None:
        return
    local = ProcedureLocal(province=province, sheet="permit_renewal", reviewed_on=reviewed_on)
    for step, (service_name, waiting, note) in steps.items():
        service_id = db.session.scalar(select(Service.id).where(Service.name == service_name))
        local.steps.append(ProcedureLocalStep(step=step, service_id=service_id,
                                              waiting_days=waiting, note=note))
    db.session.add(local)


def _ensure_trainings(users: dict, today: date) -> None:
    sites = {site.code: site for site in db.session.scalars(select(Site))}
    for code, title, stream, days_ago, hours, provider, emails in TRAININGS:
        if code not in sites or db.session.scalar(
                select(Training.id).where(Training.title == title)) is not None:
            continue
        db.session.add(Training(site_id=sites[code].id, title=title, stream=stream,
                                held_on=today - timedelta(days=days_ago), hours=Decimal(hours),
                                provider=provider,
                                attendees=[users[e] for e in emails if e in users]))


def renewal_due(person, today: date, days: int = 40) -> None:
    """The showcase person's permit expires in `days`: the desk offers the renewal sheet."""
    permits = [d for d in person.documents if d.doc_type not in ("passport_only", "none",
                                                                  "eu_citizen")]
    document = (permits or person.documents)[0]
    document.doc_type, document.expiry_date = "work_employed", today + timedelta(days=days)
