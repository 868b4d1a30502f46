"""The access export (GDPR art. 15): everything held about one person, and nothing of anyone
else, as plain data (JSON-ready) with codes and their labels in the current locale.

Decision on entries confidential to one team (clinical notes, for example): the person has a
right to them, but the desk's rule is that nobody outside that team reads them, supervisors
included. So the export holds every entry the supervisor producing it may read (their own
teams' confidential entries too), and for each other team it lists how many confidential
entries were withheld, by date, so that nothing is silently missing: a supervisor who belongs
to that team produces the export again to complete it. The audit row records both numbers.
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from .. import policy
from ..attachments import services as attachments
from ..extensions import db
from ..models.audit import AuditLog
from ..models.cases import Access, Case, Referral
from ..models.external_referrals import ExternalReferral, OrganisationConsent
from ..models.history import Note, NoteTranslation, TimelineEvent
from ..models.people import Person
from ..models.plan import Appointment, CarePlanGoal, CaseConference
from ..models.users import User
from ..vocab import codes as v
from ..vocab.names import country_name, language_name
from ..vocab.timeline import describe

FORMAT = "sportello-access-export/1"


def _when(value) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return None


def _code(vocabulary, code) -> dict | None:
    return None if code is None else {"code": code, "label": v.label(vocabulary, code)}


def _language(code) -> dict | None:
    return None if not code else {"code": code, "label": language_name(code)}


def _name(user) -> str | None:
    return user.name if user is not None else None


def _person(p: Person) -> dict:
    return {
        "id": p.id, "site": {"code": p.site.code, "name": p.site.name},
        "given_name": p.given_name, "family_name": p.family_name,
        "given_name_original": p.given_name_original,
        "family_name_original": p.family_name_original,
        "birth_year": p.birth_year, "birth_date": _when(p.birth_date), "sex": _code(v.SEXES, p.sex),
        "nationality": None if not p.nationality else {
            "code": p.nationality, "label": country_name(p.nationality)},
        "languages": [_language(code) for code in p.languages],
        "preferred_language": _language(p.preferred_language),
        "interpreter_needed": p.interpreter_needed, "phone": p.phone, "tax_code": p.tax_code,
        "registered_at": _when(p.created_at), "pseudonymised_at": _when(p.pseudonymised_at),
        "legal_hold": p.legal_hold, "legal_hold_reason": p.legal_hold_reason,
        "documents": [{
            "type": _code(v.PERMIT_TYPES, d.doc_type), "number": d.number,
            "expiry_date": _when(d.expiry_date), "recorded_at": _when(d.created_at),
        } for d in p.documents],
        "consents": [{
            "purpose": _code(v.CONSENT_PURPOSES, c.purpose), "given_at": _when(c.given_at),
            "notice_language": _language(c.language), "withdrawn_at": _when(c.withdrawn_at),
            "note": c.note,
        } for c in p.consents],
    }


def _access(a: Access, references: dict[int, str]) -> dict:
    return {
        "occurred_at": _when(a.occurred_at), "channel": _code(v.CHANNELS, a.channel),
        "language_used": _language(a.language_used), "mediator_present": a.mediator_present,
        "urgency": _code(v.URGENCIES, a.urgency),
        "needs": [_code(v.NEEDS, need) for need in a.needs], "description": a.description,
        "outcome": _code(v.ACCESS_OUTCOMES, a.outcome), "case": references.get(a.case_id),
        "operator": _name(a.operator),
    }


def _referral(r: Referral) -> dict:
    return {
        "team": _code(v.TEAM_KINDS, r.team.kind), "reason": _code(v.REFERRAL_REASONS, r.reason),
        "reason_text": r.reason_text, "priority": _code(v.PRIORITIES, r.priority),
        "needs": [_code(v.NEEDS, need) for need in r.needs],
        "status": _code(v.REFERRAL_STATUSES, r.status), "referred_at": _when(r.created_at),
        "due_date": _when(r.due_date), "accepted_at": _when(r.accepted_at),
        "assignee": _name(r.assignee), "declined_at": _when(r.declined_at),
        "decline_reason": _code(v.DECLINE_REASONS, r.decline_reason),
        "decline_text": r.decline_text, "completed_at": _when(r.completed_at),
        "outcome": _code(v.REFERRAL_OUTCOMES, r.outcome),
    }


def _organisation_consents(person: Person, reader) -> list[dict]:
    rows = db.session.scalars(
        policy.person_records(reader, OrganisationConsent, person.id)
        .options(joinedload(OrganisationConsent.organisation))
        .order_by(OrganisationConsent.given_at, OrganisationConsent.id)).all()
    return [{
        "organisation": c.organisation.name, "given_at": _when(c.given_at),
        "notice_language": _language(c.language), "withdrawn_at": _when(c.withdrawn_at),
    } for c in rows]


def _external_referral(r: ExternalReferral) -> dict:
    return {
        "organisation": r.organisation.name, "service": r.service.name,
        "reason": _code(v.REFERRAL_REASONS, r.reason), "urgency": _code(v.PRIORITIES, r.urgency),
        "agreed": r.agreed, "status": _code(v.EXTERNAL_STATUSES, r.status),
        "sent_at": _when(r.sent_at), "follow_up_on": _when(r.follow_up_on),
        "acknowledged_at": _when(r.acknowledged_at),
        "outcome": _code(v.EXTERNAL_OUTCOMES, r.outcome), "outcome_at": _when(r.outcome_at),
    }


def _note(n: Note) -> dict:
    return {
        "written_at": _when(n.created_at), "author": _name(n.author),
        "team": _code(v.TEAM_KINDS, n.team.kind) if n.team else None,
        "confidential_to_team": n.visibility == "team", "language": _language(n.language),
        "text": n.body,
        "translations": [{
            "language": _language(t.language), "text": t.body, "translator": _name(t.translator),
            "translated_at": _when(t.created_at)} for t in n.translations],
    }


def _event(e: TimelineEvent, users: dict[int, str]) -> dict:
    return {
        "occurred_at": _when(e.occurred_at), "kind": _code(v.TIMELINE_KINDS, e.kind),
        "by": _name(e.actor), "team": _code(v.TEAM_KINDS, e.team.kind) if e.team else None,
        "confidential_to_team": e.visibility == "team",
        "details": [{"name": name, "value": value} for name, value in describe(e, users)],
    }


def _rows(reader, model, case_id, *options, order=None, where=()):
    stmt = policy.case_records(reader, model, case_id).where(*where).options(*options)
    return db.session.scalars(stmt.order_by(order if order is not None else model.id)).all()


def _withheld(entries) -> list[dict]:
    return [{"team": _code(v.TEAM_KINDS, e.team.kind) if e.team else None,
             "date": _when(getattr(e, "occurred_at", None) or e.created_at)} for e in entries]


def _case(c: Case, users: dict[int, str], reader) -> dict:
    seen_events = policy.entry_condition(reader, TimelineEvent)
    seen_notes = policy.entry_condition(reader, Note)
    events = _rows(reader, TimelineEvent, c.id, joinedload(TimelineEvent.actor),
                   joinedload(TimelineEvent.team), order=TimelineEvent.occurred_at,
                   where=[seen_events])
    notes = _rows(reader, Note, c.id, joinedload(Note.author), joinedload(Note.team),
                  selectinload(Note.translations).joinedload(NoteTranslation.translator),
                  order=Note.created_at, where=[seen_notes])
    # Other teams' confidential entries: their existence is told (team, date), never their text.
    hidden_notes = _rows(reader, Note, c.id, joinedload(Note.team), order=Note.created_at,
                         where=[~seen_notes])
    hidden_events = _rows(reader, TimelineEvent, c.id, where=[~seen_events])
    return {
        "reference": c.reference, "site": c.site.name, "status": _code(v.CASE_STATUSES, c.status),
        "opened_at": _when(c.opened_at), "closed_at": _when(c.closed_at),
        "closing_outcome": _code(v.CASE_OUTCOMES, c.closing_outcome),
        "case_manager": _name(c.manager),
        "referrals": [_referral(r) for r in _rows(
            reader, Referral, c.id, joinedload(Referral.team), joinedload(Referral.assignee))],
        "appointments": [{
            "team": _code(v.TEAM_KINDS, a.team.kind), "starts_at": _when(a.starts_at),
            "duration_minutes": a.duration_minutes, "place": a.place,
            "interpreter_language": _language(a.interpreter_language),
            "outcome": _code(v.APPOINTMENT_OUTCOMES, a.outcome),
        } for a in _rows(reader, Appointment, c.id, joinedload(Appointment.team),
                         order=Appointment.starts_at)],
        "care_plan": [{
            "dimension": _code(v.TEAM_KINDS, g.dimension), "goal": g.goal, "actions": g.actions,
            "status": _code(v.GOAL_STATUSES, g.status), "review_date": _when(g.review_date),
        } for g in _rows(reader, CarePlanGoal, c.id)],
        "conferences": [{
            "held_on": _when(k.held_on), "teams": [_code(v.TEAM_KINDS, t.kind) for t in k.teams],
            "decisions": k.decisions,
        } for k in _rows(reader, CaseConference, c.id, selectinload(CaseConference.teams),
                         order=CaseConference.held_on)],
        "external_referrals": [_external_referral(r) for r in _rows(
            reader, ExternalReferral, c.id, joinedload(ExternalReferral.organisation),
            joinedload(ExternalReferral.service), order=ExternalReferral.sent_at)],
        "notes": [_note(n) for n in notes],
        "timeline": [_event(e, users) for e in events],
        "withheld_confidential_notes": _withheld(hidden_notes),
        "withheld_confidential_events": len(hidden_events),
    }


def _users_named_in_payloads(reader, case_ids) -> dict[int, str]:
    ids = set()
    for payload in db.session.scalars(
            select(TimelineEvent.payload).join(Case, Case.id == TimelineEvent.case_id)
            .where(TimelineEvent.case_id.in_(case_ids), policy.case_condition(reader),
                   policy.entry_condition(reader, TimelineEvent))):
        ids.update(value for key, value in (payload or {}).items()
                   if key.endswith("assignee_id") and isinstance(value, int))
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


def _audit(person: Person) -> list[dict]:
    rows = db.session.execute(
        select(AuditLog, User.name).outerjoin(User, User.id == AuditLog.user_id)
        .where(AuditLog.person_id == person.id).order_by(AuditLog.at, AuditLog.id)).all()
    return [{"at": _when(row.at), "action": row.action, "by": name,
             "record": row.object_type} for row, name in rows]


def _attachments(person: Person, reader, references: dict[int, str]) -> list[dict]:
    return [{
        "id": a.id, "kind": _code(v.ATTACHMENT_KINDS, a.kind), "filename": a.filename,
        "content_type": a.content_type, "size": a.size, "sha256": a.sha256,
        "attached_at": _when(a.created_at), "case": references.get(a.case_id),
        "confidential_to_team": a.visibility == "team",
    } for a in attachments.attachments_of_person(reader, person.id)]


def collect(person: Person, reader) -> dict:
    """All data held about `person` that `reader` may read, labels in the current locale;
    other teams' confidential entries are counted, not shown (see the module's docstring)."""
    cases = db.session.scalars(policy.visible_cases(reader).where(Case.person_id == person.id)
                               .options(joinedload(Case.site), joinedload(Case.manager))
                               .order_by(Case.opened_at, Case.id)).all()
    references = {c.id: c.reference for c in cases}
    users = _users_named_in_payloads(reader, list(references)) if cases else {}
    accesses = db.session.scalars(
        policy.visible_accesses(reader).where(Access.person_id == person.id)
        .options(joinedload(Access.operator)).order_by(Access.occurred_at, Access.id)).all()
    return {
        "format": FORMAT,
        "person": _person(person),
        "organisation_consents": _organisation_consents(person, reader),
        "accesses": [_access(a, references) for a in accesses],
        "cases": [_case(c, users, reader) for c in cases],
        # The files themselves go with the export's archive (privacy.views.export_archive).
        "attachments": _attachments(person, reader, references),
        "withheld_confidential_attachments": _withheld(
            attachments.withheld_attachments(reader, person.id)),
        "audit": _audit(person),
    }


def confidential_count(data: dict) -> dict:
    """How many confidential entries the export holds, and how many it withholds."""
    cases = data["cases"]
    return {
        "included": sum(1 for case in cases for item in case["notes"] + case["timeline"]
                        if item["confidential_to_team"])
        + sum(1 for item in data.get("attachments", ()) if item["confidential_to_team"]),
        "withheld": sum(len(case["withheld_confidential_notes"])
                        + case["withheld_confidential_events"] for case in cases)
        + len(data.get("withheld_confidential_attachments", ())),
    }
