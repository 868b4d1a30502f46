"""Referrals: a team's list, and accept / decline / complete with the version read (a stale
version answers 409). The same forms' rules and the same services as the team queue."""

from sqlalchemy.orm import joinedload

from .. import policy
from ..common.transactions import read_only
from ..extensions import db
from ..models.cases import Referral
from ..models.users import User
from ..teamwork import referral_services as referrals
from ..teamwork.referral_forms import CompleteForm, DeclineForm
from .blueprint import bp
from .common import caller, team_or_404
from .formbridge import run_service, validated
from .schemas import AcceptIn, CompleteIn, DeclineIn, ReferralListArgs, ReferralListOut, ReferralOut

OPEN = ("pending", "accepted")
LIST_LIMIT = 500


@bp.route("/teams/<team_kind>/referrals", methods=["GET"])
@bp.doc(tags=["referrals"], summary="A team's referrals (its queue), by due date")
@bp.arguments(ReferralListArgs, location="query")
@bp.response(200, ReferralListOut)
@read_only
def team_list(args, team_kind):
    user = caller()
    team = team_or_404(user, team_kind, args.get("site"), "work_queue")
    status = args.get("status") or "open"
    stmt = policy.team_referrals(user, team).options(joinedload(Referral.team))
    if status == "open":
        stmt = stmt.where(Referral.status.in_(OPEN))
    elif status != "all":
        stmt = stmt.where(Referral.status == status)
    stmt = stmt.order_by(Referral.due_date, Referral.id).limit(LIST_LIMIT)
    return {"results": list(db.session.scalars(stmt))}


def _load(referral_id):
    user = caller()
    referral = policy.get_referral_or_404(user, referral_id)
    policy.require(policy.can_work_referral(user, referral))
    return user, referral


@bp.route("/referrals/<int:referral_id>/accept", methods=["POST"])
@bp.doc(tags=["referrals"], summary="Accept a referral (assign it)")
@bp.arguments(AcceptIn)
@bp.response(200, ReferralOut)
def accept(data, referral_id):
    user, referral = _load(referral_id)
    assignee = db.session.get(User, data["assignee_id"]) if data.get("assignee_id") else user
    run_service(lambda: referrals.accept_referral(user, referral, assignee, data["version"]))
    return referral


@bp.route("/referrals/<int:referral_id>/decline", methods=["POST"])
@bp.doc(tags=["referrals"], summary="Decline a referral: it goes back to the desk")
@bp.arguments(DeclineIn)
@bp.response(200, ReferralOut)
def decline(data, referral_id):
    user, referral = _load(referral_id)
    form = validated(DeclineForm, data, interpreting=referral.is_interpreter_request)
    run_service(lambda: referrals.decline_referral(user, referral, form.reason.data,
                                                   form.text.data, data["version"]))
    return referral


@bp.route("/referrals/<int:referral_id>/complete", methods=["POST"])
@bp.doc(tags=["referrals"], summary="Complete a referral with its outcome")
@bp.arguments(CompleteIn)
@bp.response(200, ReferralOut)
def complete(data, referral_id):
    user, referral = _load(referral_id)
    form = validated(CompleteForm, data)
    run_service(lambda: referrals.complete_referral(user, referral, form.outcome.data,
                                                    data["version"]))
    return referral
