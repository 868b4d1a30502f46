"""Recording a training and who attended (flushes, never commits)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from ..audit.services import audit
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.training import Training
from .coverage import site_staff

NOT_STAFF = _l("Some of the people chosen do not work at this desk.")


@dataclass
class TrainingData:
    site_id: int
    title: str
    stream: str
    held_on: date
    hours: Decimal
    provider: str
    attendee_ids: list


def record_training(actor, data: TrainingData) -> Training:
    staff = {member.id: member for member in site_staff(actor, data.site_id)}
    if not staff or any(uid not in staff for uid in data.attendee_ids):
        raise ActionRefused(NOT_STAFF)
    training = Training(site_id=data.site_id, title=data.title, stream=data.stream,
                        held_on=data.held_on, hours=data.hours, provider=data.provider,
                        recorded_by_id=actor.id,
                        attendees=[staff[uid] for uid in data.attendee_ids])
    db.session.add(training)
    db.session.flush()
    audit("create", training, detail={"stream": data.stream, "site_id": data.site_id,
                                      "attendees": sorted(data.attendee_ids)})
    return training
