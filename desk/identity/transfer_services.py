"""The transfer of a case to another site: asked by the sending desk (its case manager or a
supervisor) with a reason and the person's consent, withdrawn by whoever asked, accepted or
refused by a supervisor of the receiving desk.

On acceptance, in one transaction, the person and every case of theirs at the sending site
become the receiving site's, with their whole history (timeline, notes, care plan, documents,
files: they follow the case or the person); the open referrals of the sending site's teams are
completed with the outcome "transferred", their appointments still to come are cancelled, and
the case manager becomes the supervisor who accepted. The person's earlier accesses keep the
site where they happened (`Access.site_id`), so each desk's figures stay as they were; they
are read with the person's file, at the receiving desk only (policy.access_condition).
Entries confidential to a team of the sending site stay readable by that team only, which no
longer sees the case: nobody at the receiving desk reads them."""

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.refusals import ActionRefused, check_version
from ..extensions import db
from ..models.history import record_event
from ..models.sites import Site
from ..models.transfers import CaseTransfer
from ..models.users import User
from ..notifications.services import notify
from ..policy import (
    appointments_cancelled_by,
    cases_moving_with,
    open_case_at,
    pending_transfer_of,
    referrals_closed_by,
)
from ..policy.recipients import site_role_ids

REASON_MAX = 2000


def destinations(case) -> list[Site]:
    """The sites a case may be transferred to: every other site in use."""
    return list(db.session.scalars(select(Site).where(
        Site.id != case.site_id, Site.retired_at.is_(None)).order_by(Site.name)))


def _receiving_site(case, site_id) -> Site:
    site = db.session.get(Site, site_id) if isinstance(site_id, int) else None
    if site is None or site.retired_at is not None:
        raise ActionRefused(_("That desk does not exist or is no longer in use: choose a desk "
                              "from the list."), field="to_site")
    if site.id == case.site_id:
        raise ActionRefused(_("The case is already at this desk: choose another desk."),
                            field="to_site")
    return site


def _refuse_open_case_at(person_id: int, site: Site) -> None:
    if db.session.scalar(open_case_at(person_id, site.id)) is not None:
        raise ActionRefused(_("This person already has an open case at %(desk)s: that desk "
                              "must close it first.", desk=site.name), field="to_site")


def _clean_reason(reason: str | None, field: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ActionRefused(_("Write the reason: the other desk reads it."), field=field)
    if len(text) > REASON_MAX:
        raise ActionRefused(ngettext("The reason is too long: at most %(count)d character.",
                                     "The reason is too long: at most %(count)d characters.",
                                     REASON_MAX, count=REASON_MAX), field=field)
    return text


def _supervisors(site_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.id.in_(site_role_ids(site_id, "supervisor")))))


def reference(transfer: CaseTransfer) -> str:
    """The case's reference as the request named it (a case's reference carries its site's
    code, which changes when the transfer is accepted)."""
    return f"{transfer.from_site.code}-{transfer.case_id:06d}"


def _tell(transfer: CaseTransfer, what: str, users, path: str | None = "/transfers") -> None:
    """A notification without the case: the receiving desk does not see it yet, the sending
    desk no longer does once it is accepted. It leads to the list of transfers (`path`)."""
    payload = {"what": what, "from_site": transfer.from_site.name,
               "to_site": transfer.to_site.name, "reference": reference(transfer)}
    notify("transfer", users, payload={**payload, "path": path} if path else payload,
           dedupe_key=f"transfer-{transfer.id}-{what}")


def _event(transfer: CaseTransfer, kind: str, actor, **payload) -> None:
    record_event(transfer.case, kind, actor, payload={
        "transfer_id": transfer.id, "from_desk": transfer.from_site.name,
        "to_desk": transfer.to_site.name, **payload})


def _audit(transfer: CaseTransfer, action: str, actor, **detail) -> None:
    audit(action, transfer, user=actor, person_id=transfer.person_id, detail={
        "case_id": transfer.case_id, "from_site": transfer.from_site_id,
        "to_site": transfer.to_site_id, **detail})


def request_transfer(actor, case, to_site_id, reason: str | None, consent: bool) -> CaseTransfer:
    """Ask `to_site_id` to take over `case` (loaded through the policy, by someone who may ask:
    policy.can_request_transfer)."""
    site = _receiving_site(case, to_site_id)
    text = _clean_reason(reason, "reason")
    if not consent:
        raise ActionRefused(_("Record the person's consent: a case is transferred only if the "
                              "person agrees."), field="consent")
    if case.status == "closed":
        raise ActionRefused(_("The case is closed: reopen it before asking for a transfer."))
    if db.session.scalar(pending_transfer_of(case)) is not None:
        raise ActionRefused(_("A transfer of this case is already waiting for a decision."))
    _refuse_open_case_at(case.person_id, site)
    now = utcnow()
    transfer = CaseTransfer(
        case_id=case.id, person_id=case.person_id, from_site_id=case.site_id,
        to_site_id=site.id, reason=text, consent_given_at=now,
        consent_recorded_by_id=actor.id, requested_by_id=actor.id, requested_at=now)
    try:
        with db.session.begin_nested():  # the unique index has the last word on a race
            db.session.add(transfer)
    except IntegrityError:
        raise ActionRefused(_("A transfer of this case is already waiting for a decision."
                              )) from None
    _event(transfer, "transfer_requested", actor, reason=text)
    _audit(transfer, "transfer_request", actor)
    _tell(transfer, "requested", _supervisors(site.id))
    db.session.flush()
    return transfer


def _still_pending(transfer: CaseTransfer, version) -> None:
    check_version(transfer, version)
    if not transfer.is_pending:
        raise ActionRefused(_("This transfer was already decided or withdrawn: the list shows "
                              "where it stands."))


def cancel_transfer(actor, transfer: CaseTransfer, version) -> None:
    """Withdraw a request still waiting (policy.can_cancel_transfer)."""
    _still_pending(transfer, version)
    transfer.status = "cancelled"
    transfer.decided_by_id = actor.id
    transfer.decided_at = utcnow()
    db.session.flush()
    _event(transfer, "transfer_cancelled", actor)
    _audit(transfer, "transfer_cancel", actor)
    _tell(transfer, "cancelled", _supervisors(transfer.to_site_id))
    db.session.flush()


def _tell_decision(transfer: CaseTransfer, what: str) -> None:
    """The decision goes to the sending desk's supervisors (to the list of transfers) and to
    whoever asked (to the case while it stays, else nowhere but the notification)."""
    supervisors = _supervisors(transfer.from_site_id)
    _tell(transfer, what, supervisors)
    asker = transfer.requested_by
    if asker is not None and asker.active and asker.id not in {u.id for u in supervisors}:
        _tell(transfer, what, [asker],
              path=f"/cases/{transfer.case_id}" if what == "refused" else None)


def refuse_transfer(actor, transfer: CaseTransfer, reason: str | None, version) -> None:
    """The receiving desk says no, with its reason (policy.can_decide_transfer)."""
    _still_pending(transfer, version)
    text = _clean_reason(reason, "reason")
    transfer.status = "refused"
    transfer.refusal_reason = text
    transfer.decided_by_id = actor.id
    transfer.decided_at = utcnow()
    db.session.flush()
    _event(transfer, "transfer_refused", actor, reason=text)
    _audit(transfer, "transfer_refuse", actor)
    _tell_decision(transfer, "refused")
    db.session.flush()


def accept_transfer(actor, transfer: CaseTransfer, version) -> None:
    """The receiving desk takes over the person and the case (policy.can_decide_transfer)."""
    _still_pending(transfer, version)
    case, site = transfer.case, transfer.to_site
    if site.retired_at is not None:
        raise ActionRefused(_("Your desk is no longer in use: it cannot take over cases."))
    if case.status == "closed" or case.site_id != transfer.from_site_id:
        raise ActionRefused(_("The case was closed or moved since the request: it can no "
                              "longer be transferred. Refuse the request."))
    _refuse_open_case_at(transfer.person_id, site)
    now = utcnow()
    referrals = list(db.session.scalars(referrals_closed_by(transfer)))
    for referral in referrals:
        referral.status, referral.completed_at, referral.outcome = "completed", now, "transferred"
        record_event(case, "referral_completed", actor, team=referral.team, payload={
            "referral_id": referral.id, "team": referral.team.kind, "outcome": "transferred"})
    appointments = list(db.session.scalars(appointments_cancelled_by(transfer, now)))
    for appointment in appointments:
        appointment.outcome = "cancelled"
    db.session.flush()
    for moving in db.session.scalars(cases_moving_with(transfer)):
        moving.site_id = site.id
    case.manager_id = actor.id
    transfer.person.site_id = site.id
    transfer.status, transfer.decided_by_id, transfer.decided_at = "accepted", actor.id, now
    db.session.flush()
    db.session.expire(case, ["site"])
    db.session.expire(transfer.person, ["site"])
    _event(transfer, "transfer_accepted", actor, referrals_closed=len(referrals),
           appointments_cancelled=len(appointments))
    _audit(transfer, "transfer_accept", actor, referrals=[r.id for r in referrals],
           appointments=[a.id for a in appointments])
    _tell_decision(transfer, "accepted")
    db.session.flush()
