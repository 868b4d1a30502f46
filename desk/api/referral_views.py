"""Referrals: a team's list, one referral, and accept / decline / complete with the ETag read
in If-Match (428 without it, 412 when the referral changed since). The same forms' rules and
the same services as the team queue."""

from sqlalchemy.orm import joinedload

from .. import policy
from ..audit.services import audit
from ..common.transactions import read_only
from ..extensions import db
from ..models.cases import Referral
from ..models.users import User
from ..teamwork import referral_services as referrals
from ..teamwork.referral_forms import CompleteForm, DeclineForm
from . import cursors
from .blueprint import bp
from .common import caller, team_or_404
from .formbridge import run_service, validated
from .schemas import (
    MAX_LIMIT,
    AcceptIn,
    CompleteIn,
    DeclineIn,
    ReferralListArgs,
    ReferralListOut,
    ReferralOut,
)

OPEN = ("pending", "accepted")
STALE = 412  # changed between the If-Match check and the write: stale all the same


@bp.route("/teams/<team_kind>/referrals", methods=["GET"])
@bp.doc(tags=["referrals"], summary="A team's referrals (its queue), by due date")
@bp.arguments(ReferralListArgs, location="query")
@bp.response(200, ReferralListOut, headers=cursors.NEXT_LINK)
@read_only
def team_list(args, team_kind):
    user = caller()
    team = team_or_404(user, team_kind, args.get("site"), "work_queue")
    status = args.get("status") or "open"
    stmt = policy.team_referrals(user, team, open_only=status in ("open", *OPEN)).options(
        joinedload(Referral.team))
    if status == "open":
        stmt = stmt.where(Referral.status.in_(OPEN))
    elif status != "all":
        stmt = stmt.where(Referral.status == status)
    limit = min(args["limit"], MAX_LIMIT)
    if (key := cursors.read_cursor()) is not None:
        stmt = stmt.where(cursors.after((Referral.due_date, Referral.id), key))
    rows = list(db.session.scalars(stmt.order_by(Referral.due_date, Referral.id).limit(limit + 1)))
    return cursors.page(rows, limit, lambda r: (r.due_date, r.id))


@bp.route("/referrals/<int:referral_id>", methods=["GET"])
@bp.etag
@bp.doc(tags=["referrals"], summary="One referral, with its ETag (send it back in If-Match "
                                    "to change it)")
@bp.response(200, ReferralOut)
@read_only
def referral(referral_id):
    found = policy.get_referral_or_404(caller(), referral_id)
    audit("view", found, person_id=found.case.person_id)
    return found


def _load(referral_id):
    """The referral, if the caller works it and sent its current ETag."""
    user = caller()
    found = policy.get_referral_or_404(user, referral_id)
    policy.require(policy.can_work_referral(user, found))
    bp.check_etag(found, ReferralOut)
    return user, found


@bp.route("/referrals/<int:referral_id>/accept", methods=["POST"])
@bp.etag
@bp.doc(tags=["referrals"], summary="Accept a referral (assign it)")
@bp.arguments(AcceptIn)
@bp.response(200, ReferralOut)
def accept(data, referral_id):
    user, found = _load(referral_id)
    assignee = db.session.get(User, data["assignee_id"]) if data.get("assignee_id") else user
    run_service(lambda: referrals.accept_referral(user, found, assignee, found.version), STALE)
    return found


@bp.route("/referrals/<int:referral_id>/decline", methods=["POST"])
@bp.etag
@bp.doc(tags=["referrals"], summary="Decline a referral: it goes back to the desk")
@bp.arguments(DeclineIn)
@bp.response(200, ReferralOut)
def decline(data, referral_id):
    user, found = _load(referral_id)
    form = validated(DeclineForm, data, interpreting=found.is_interpreter_request)
    run_service(lambda: referrals.decline_referral(user, found, form.reason.data,
                                                   form.text.data, found.version), STALE)
    return found


@bp.route("/referrals/<int:referral_id>/complete", methods=["POST"])
@bp.etag
@bp.doc(tags=["referrals"], summary="Complete a referral with its outcome")
@bp.arguments(CompleteIn)
@bp.response(200, ReferralOut)
def complete(data, referral_id):
    user, found = _load(referral_id)
    form = validated(CompleteForm, data)
    run_service(lambda: referrals.complete_referral(user, found, form.outcome.data,
                                                    found.version), STALE)
    return found
