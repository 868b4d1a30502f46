"""Closing a case with an outcome, and reopening it."""

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.refusals import ActionRefused, check_version
from ..extensions import db
from ..models.cases import Case
from ..models.history import record_event
from ..policy import person_records
from ..vocab.codes import CASE_OUTCOMES


def close_case(actor, case: Case, outcome: str, version) -> None:
    check_version(case, version)
    if case.status == "closed":
        raise ActionRefused(_("The case is already closed."))
    if outcome not in CASE_OUTCOMES:
        raise ActionRefused(_("Choose an outcome from the list."))
    if any(r.is_open for r in case.referrals):
        raise ActionRefused(_("Some referrals are still open: the teams must complete or "
                              "decline them before the case can be closed."))
    previous = case.status
    case.status = "closed"
    case.closed_at = utcnow()
    case.closing_outcome = outcome
    db.session.flush()
    record_event(case, "case_closed", actor, payload={"outcome": outcome, "from": previous})
    audit("update", case, user=actor, detail={"action": "close", "outcome": outcome})
    db.session.flush()


def other_open_case(actor, case: Case) -> Case | None:
    return db.session.scalar(
        person_records(actor, Case, case.person_id).where(
            Case.site_id == case.site_id, Case.status != "closed", Case.id != case.id))


def reopen_case(actor, case: Case, version) -> None:
    check_version(case, version)
    if case.status != "closed":
        raise ActionRefused(_("The case is not closed."))
    other = other_open_case(actor, case)
    if other is not None:
        raise ActionRefused(_("This person already has an open case at this desk (%(ref)s): "
                              "continue the work there.", ref=other.reference))
    outcome = case.closing_outcome
    try:
        with db.session.begin_nested():  # the unique index has the last word on a race
            case.status = "open"
            case.closed_at = None
            case.closing_outcome = None
    except IntegrityError:
        raise ActionRefused(_("This person already has an open case at this desk: "
                              "continue the work there.")) from None
    record_event(case, "case_reopened", actor, payload={"previous_outcome": outcome})
    audit("update", case, user=actor, detail={"action": "reopen"})
    db.session.flush()
