"""A small world for the transfer tests: a Torino case with its whole history (accesses,
referrals open and closed, appointments past and to come, notes, a document), the staff of
Torino and of Cuneo, and a desk no longer in use."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from desk.cases.note_services import write_note
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.cases import Access
from desk.models.history import TimelineEvent
from desk.models.people import ResidenceDocument
from desk.models.plan import Appointment
from desk.models.transfers import CaseTransfer

from .casework import add_referral

STAFF = {
    "op.to": dict(roles=("desk",), sites=("TO",)),           # the case manager
    "op2.to": dict(roles=("desk",), sites=("TO",)),          # an operator, not the manager
    "sup.to": dict(roles=("supervisor",), sites=("TO",)),
    "legal.to": dict(roles=("team",), sites=("TO",), teams=("legal",)),
    "health.to": dict(roles=("team",), sites=("TO",), teams=("health",)),
    "sup.cn": dict(roles=("supervisor",), sites=("CN",)),
    "sup2.cn": dict(roles=("supervisor",), sites=("CN",)),
    "op.cn": dict(roles=("desk",), sites=("CN",)),
    "legal.cn": dict(roles=("team",), sites=("CN",), teams=("legal",)),
    "sup.at": dict(roles=("supervisor",), sites=("AT",)),    # a third desk
    "admin": dict(roles=("admin",), sites=("TO",)),
}
SHARED_NOTE = "Needs help renewing the permit before March."
SECRET_NOTE = "Clinical detail only the Torino health team reads."
REASON = "Moved to Cuneo to live with his brother."
PERMIT_NUMBER = "ZQ-7301946"  # long enough that no random token on a page contains it


@dataclass
class TransferWorld:
    torino: object
    cuneo: object
    retired: object
    users: dict
    person: object
    case: object
    access: object
    future: object
    past: object

    def email(self, name: str) -> str:
        return f"{name}@example.test"

    def team(self, site, kind: str):
        return next(t for t in site.teams if t.kind == kind)


def build(make) -> TransferWorld:
    torino = make.site("TO", name="Torino Spazio Comune")
    cuneo = make.site("CN", name="Cuneo Sportello")
    make.site("AT", name="Asti Sportello")
    retired = make.site("AL", name="Alessandria (closed)")
    retired.retired_at = utcnow()
    users = {name: make.user(email=f"{name}@example.test", locale="en", **options)
             for name, options in STAFF.items()}
    person = make.person(site=torino, given="Yusuf", family="Haddad", birth_year=1990,
                         phone="+393331234567", nationality="SY", languages=("ar",))
    case = make.case(site=torino, person=person, referrals=("legal",), status="in_progress")
    case.manager_id = users["op.to"].id
    mediation = make.team(torino, "mediation")
    add_referral(case, mediation, status="accepted")
    add_referral(case, make.team(torino, "social"), status="completed").outcome = "resolved"
    now = utcnow()
    access = Access(person_id=person.id, site_id=torino.id, case_id=case.id, channel="walk_in",
                    occurred_at=now - timedelta(days=3), operator_id=users["op.to"].id)
    future = Appointment(case_id=case.id, team_id=make.team(torino, "legal").id,
                         starts_at=now + timedelta(days=2))
    past = Appointment(case_id=case.id, team_id=mediation.id, starts_at=now - timedelta(days=1),
                       outcome="attended")
    db.session.add_all([access, future, past,
                        ResidenceDocument(person_id=person.id, doc_type="study", number=PERMIT_NUMBER)])
    db.session.flush()
    write_note(users["op.to"], case, SHARED_NOTE, "en", "all")
    add_referral(case, make.team(torino, "health"), status="accepted")
    write_note(users["health.to"], case, SECRET_NOTE, "it", "team")
    db.session.commit()
    return TransferWorld(torino, cuneo, retired, users, person, case, access, future, past)


def ask(client, world, **fields):
    """The request form of the case, sent (by whoever is signed in)."""
    data = {"to_site": world.cuneo.id, "reason": REASON, "consent": "y", **fields}
    return client.post(f"/cases/{world.case.id}/transfer",
                       data={k: v for k, v in data.items() if v is not None})


def the_transfer() -> CaseTransfer | None:
    db.session.expire_all()
    return db.session.scalar(select(CaseTransfer).order_by(CaseTransfer.id.desc()))


def decide(client, transfer, what: str, **fields):
    return client.post(f"/transfers/{transfer.id}/{what}",
                       data={"version": transfer.version, **fields})


def event_kinds(case) -> list[str]:
    return list(db.session.scalars(select(TimelineEvent.kind).where(
        TimelineEvent.case_id == case.id).order_by(TimelineEvent.id)))
