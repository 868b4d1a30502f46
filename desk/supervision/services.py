"""Moving referrals between the workers of a team, several at once. Never commits.

Each move goes through the cases area's reassign_referral (same rules, timeline event and
audit entry as a move made from the case page); this module adds the bulk, all-or-nothing
part and the supervisor's scope."""

from flask_babel import gettext as _

from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.cases import Case, Referral
from ..models.users import User
from ..policy import can, can_reassign_referral, visible_referrals
from ..teamwork.referral_services import reassign_referral


def reassign_referrals(actor, site_ids, moves: dict[int, int | None], assignee_id) -> list:
    """Move each referral id in `moves` (id -> version the user saw) to the worker
    `assignee_id`. All or nothing: the first refusal raises ActionRefused (or EditConflict)
    and the caller rolls everything back."""
    if not can(actor, "reassign"):
        raise ActionRefused(_("Your role does not allow moving referrals."))
    if not moves:
        raise ActionRefused(_("Tick at least one referral to move."))
    referrals = db.session.scalars(
        visible_referrals(actor)
        .where(Referral.id.in_(moves), Case.site_id.in_(site_ids))
        .order_by(Referral.id)
    ).all()
    if len(referrals) != len(moves):
        raise ActionRefused(_("Some of the chosen referrals are not available to you."))
    assignee = db.session.get(User, assignee_id) if assignee_id else None
    for referral in referrals:
        if not can_reassign_referral(actor, referral):
            raise ActionRefused(_("Some of the chosen referrals are not available to you."))
        reassign_referral(actor, referral, assignee, moves[referral.id])
    return referrals
