"""One record by its id, through the access rules: `get_x_or_404(user, id)`.

Each loader is one query with the rule's own SQL condition, so a record answers 404 exactly
when it would be missing from the user's lists. A record that belongs to a case (an access,
a referral, a note, an appointment, a goal) follows its case; a residence document follows
its person.
"""

from flask import abort
from sqlalchemy import Select, select

from ..extensions import db
from ..models.attachments import Attachment
from ..models.cases import Access, Case, Referral
from ..models.directory import Organisation, Service
from ..models.external_referrals import ExternalReferral
from ..models.history import Note
from ..models.people import Person, ResidenceDocument
from ..models.plan import Appointment, CarePlanGoal, CaseConference
from ..models.register_imports import RegisterUpload
from ..models.training import Training
from .rules import (
    access_condition,
    attachment_condition,
    case_condition,
    entry_condition,
    external_referral_condition,
    organisation_condition,
    partner_referrals,
    person_condition,
    procedure_provinces,
    register_upload_condition,
    service_condition,
    visible_cases,
    visible_people,
    visible_trainings,
)


def _one_or_404(query: Select):
    found = db.session.scalar(query)
    if found is None:
        abort(404)
    return found


def get_person_or_404(user, person_id: int) -> Person:
    return _one_or_404(visible_people(user).where(Person.id == person_id))


def get_case_or_404(user, case_id: int) -> Case:
    return _one_or_404(visible_cases(user).where(Case.id == case_id))


def get_access_or_404(user, access_id: int) -> Access:
    """An access and its slip follow its case (a team member sees only the accesses of cases
    referred to the team); an access without a case, its person."""
    access = _one_or_404(db.select(Access).where(Access.id == access_id,
                                                 access_condition(user)))
    if access.case_id is not None:
        get_case_or_404(user, access.case_id)
    else:
        get_person_or_404(user, access.person_id)
    return access


def get_referral_or_404(user, referral_id: int) -> Referral:
    return _one_or_404(db.select(Referral).join(Case, Case.id == Referral.case_id)
                       .where(Referral.id == referral_id, case_condition(user)))


def get_note_or_404(user, note_id: int) -> Note:
    return _one_or_404(db.select(Note).join(Case, Case.id == Note.case_id)
                       .where(Note.id == note_id, entry_condition(user, Note),
                              case_condition(user)))


def get_appointment_or_404(user, appointment_id: int) -> Appointment:
    return _one_or_404(db.select(Appointment).join(Case, Case.id == Appointment.case_id)
                       .where(Appointment.id == appointment_id, case_condition(user)))


def get_goal_or_404(user, goal_id: int) -> CarePlanGoal:
    return _one_or_404(db.select(CarePlanGoal).join(Case, Case.id == CarePlanGoal.case_id)
                       .where(CarePlanGoal.id == goal_id, case_condition(user)))


def get_document_or_404(user, document_id: int) -> ResidenceDocument:
    return _one_or_404(db.select(ResidenceDocument)
                       .join(Person, Person.id == ResidenceDocument.person_id)
                       .where(ResidenceDocument.id == document_id, person_condition(user)))


def get_attachment_or_404(user, attachment_id: int) -> Attachment:
    """A file on a person or a case: the person's rule, the case's rule and, when it is
    confidential to a team, the rule of confidential notes."""
    return _one_or_404(db.select(Attachment).where(Attachment.id == attachment_id,
                                                   attachment_condition(user)))


def get_service_or_404(user, service_id: int) -> Service:
    return _one_or_404(db.select(Service).where(Service.id == service_id, service_condition(user)))


def get_organisation_or_404(user, organisation_id: int) -> Organisation:
    return _one_or_404(db.select(Organisation).where(Organisation.id == organisation_id,
                                                     organisation_condition(user)))


def get_external_referral_or_404(user, referral_id: int) -> ExternalReferral:
    return _one_or_404(db.select(ExternalReferral).where(
        ExternalReferral.id == referral_id, external_referral_condition(user)))


def get_partner_referral_or_404(user, referral_id: int) -> ExternalReferral:
    """A referral as its receiving organisation's partner account sees it."""
    return _one_or_404(partner_referrals(user).where(ExternalReferral.id == referral_id))


_ENTRY_MODELS = {"goal": CarePlanGoal, "actions": CarePlanGoal, "conference": CaseConference,
                 "decline": Referral}


def get_case_entry_or_404(user, entry: str, entry_id: int):
    """A free-text entry of a case that `user` may see (models.history.TRANSLATABLE_ENTRIES)."""
    model = _ENTRY_MODELS.get(entry)
    if model is None:
        abort(404)
    return _one_or_404(db.select(model).join(Case, Case.id == model.case_id)
                       .where(model.id == entry_id, case_condition(user)))


def get_training_or_404(user, training_id: int) -> Training:
    return _one_or_404(visible_trainings(user).where(Training.id == training_id))


def get_register_upload_or_404(user, upload_id: int) -> RegisterUpload:
    return _one_or_404(select(RegisterUpload).where(RegisterUpload.id == upload_id,
                                                    register_upload_condition(user)))


def get_province_or_404(user, province: str) -> str:
    """A territory whose procedure sheets' local parts I may read."""
    if province not in procedure_provinces(user):
        abort(404)
    return province
