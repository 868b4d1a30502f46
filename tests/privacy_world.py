"""A person with something in every table (and another person who must never show up)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from desk.common import clock as timeutil
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access, AccessNeed, Case, Referral
from desk.models.history import Note, NoteTranslation, TimelineEvent
from desk.models.people import Person, ResidenceDocument
from desk.models.plan import Appointment, CarePlanGoal, CaseConference


@dataclass
class Rich:
    person: object
    case: object
    texts: dict


def rich_person(make, site, users, tag: str, given: str, family: str, original=None,
                status="closed", consent=True) -> Rich:
    """A person with documents, consent, accesses, a case with referrals, notes (one
    confidential, with a translation), an appointment, a goal, a conference, audit rows.
    Every free text contains `tag`, so a test can look for it."""
    # One holder per tax code (unique across desks): the first rich person of a test gets
    # the one the tests look for, the next ones codes of their own.
    taken = db.session.scalar(select(func.count()).select_from(Person).where(
        Person.tax_code.like("RSSMRA80A01H5%")))
    tax_code = "RSSMRA80A01H501U" if not taken else f"RSSMRA80A01H5{taken:02d}X"
    person = make.person(site=site, given=given, family=family, original=original,
                         languages=("fr",), consent=consent, phone="+393331234567",
                         tax_code=tax_code, birth_date=date(1990, 5, 17))
    texts = {k: f"{k}-{tag}" for k in (
        "doc", "access", "reason", "decline", "note", "secret", "translation", "goal", "actions",
        "decisions", "place", "override")}
    person.documents.append(ResidenceDocument(doc_type="asylum_pending", number=texts["doc"],
                                              expiry_date=date(2030, 1, 1)))
    legal, health = make.team(site, "legal"), make.team(site, "health")
    case = Case(person_id=person.id, site_id=site.id, status=status,
                closed_at=utcnow() if status == "closed" else None,
                closing_outcome="needs_met" if status == "closed" else None,
                manager_id=users["desk"].id)
    db.session.add(case)
    db.session.flush()
    access = Access(person_id=person.id, site_id=site.id, case_id=case.id, channel="walk_in",
                    operator_id=users["desk"].id, description=texts["access"], outcome="routed")
    access.need_rows = [AccessNeed(need="documents"), AccessNeed(need="health")]
    referral = Referral(case_id=case.id, team_id=legal.id, reason="documents",
                        reason_text=texts["reason"], status="declined",
                        decline_reason="other", decline_text=texts["decline"],
                        due_date=timeutil.today() + timedelta(days=10), declined_at=utcnow())
    db.session.add_all([access, referral])
    db.session.flush()
    note = Note(case_id=case.id, author_id=users["desk"].id, language="it", body=texts["note"])
    secret = Note(case_id=case.id, author_id=users["health"].id, team_id=health.id,
                  language="it", body=texts["secret"], visibility="team")
    db.session.add_all([note, secret])
    db.session.flush()
    db.session.add(NoteTranslation(note_id=note.id, language="fr", body=texts["translation"]))
    goal = CarePlanGoal(case_id=case.id, dimension="legal", goal=texts["goal"],
                        actions=texts["actions"])
    conference = CaseConference(case_id=case.id, held_on=date(2026, 3, 1),
                                decisions=texts["decisions"], teams=[legal])
    appointment = Appointment(case_id=case.id, team_id=legal.id, place=texts["place"],
                              starts_at=datetime(2026, 3, 2, 10, 0))
    db.session.add_all([goal, conference, appointment])
    db.session.flush()
    events = [
        TimelineEvent(case_id=case.id, kind="access_recorded", actor_id=users["desk"].id,
                      payload={"access_id": access.id, "channel": "walk_in",
                               "needs": ["documents"]}),
        TimelineEvent(case_id=case.id, kind="consent_override", actor_id=users["desk"].id,
                      payload={"reason": texts["override"]}),
        TimelineEvent(case_id=case.id, kind="note", actor_id=users["desk"].id,
                      payload={"note_id": note.id, "language": "it"}),
        TimelineEvent(case_id=case.id, kind="note", actor_id=users["health"].id,
                      team_id=health.id, visibility="team",
                      payload={"note_id": secret.id, "language": "it"}),
    ]
    db.session.add_all(events)
    db.session.add(AuditLog(action="view", object_type="person", object_id=person.id,
                            person_id=person.id, user_id=users["health"].id))
    db.session.commit()
    return Rich(person=person, case=case, texts=texts)
