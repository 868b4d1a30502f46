"""Referral actions, from the team queue or the case page: accept, decline, complete, reassign."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..common.formflow import handle_form
from ..extensions import db
from ..models.users import User
from ..policy import can_reassign_referral, can_work_referral, get_referral_or_404, require
from . import referral_services as referrals
from .blueprint import bp
from .referral_forms import AssignForm, CompleteForm, DeclineForm


def _queue_url(referral) -> str:
    return url_for("teamwork.queue", team_kind=referral.team.kind, site=referral.case.site.code)


def _assignee(form):
    return db.session.get(User, form.assignee.data) if form.assignee.data else None


def _said(referral, usual: str, interpreting: str) -> str:
    return interpreting if referral.is_interpreter_request else usual


def _load(referral_id, rule=can_work_referral):
    referral = get_referral_or_404(current_user, referral_id)
    require(rule(current_user, referral))
    return referral


@bp.route("/referrals/<int:referral_id>/accept", methods=["GET", "POST"])
@login_required
def accept_referral(referral_id):
    referral = _load(referral_id)
    form = AssignForm(members=referrals.assignable_members(referral), version=referral.version,
                      assignee=current_user.id)
    return handle_form(
        form, lambda: referrals.accept_referral(current_user, referral, _assignee(form),
                                                form.version.data),
        done=_said(referral, _("Referral accepted."),
                   _("Interpreter confirmed: the booking team sees who will interpret.")),
        success_url=_queue_url(referral),
        template="teamwork/referral_accept.html", versioned=referral, referral=referral)


@bp.route("/referrals/<int:referral_id>/decline", methods=["GET", "POST"])
@login_required
def decline_referral(referral_id):
    referral = _load(referral_id)
    form = DeclineForm(version=referral.version, interpreting=referral.is_interpreter_request)
    return handle_form(
        form, lambda: referrals.decline_referral(current_user, referral, form.reason.data,
                                                 form.text.data, form.version.data),
        done=_said(referral, _("Referral declined: it is back at the desk to be routed again."),
                   _("Interpreter request declined: the booking team sees it on the "
                     "appointment.")),
        success_url=_queue_url(referral),
        template="teamwork/referral_decline.html", versioned=referral, referral=referral)


@bp.route("/referrals/<int:referral_id>/complete", methods=["GET", "POST"])
@login_required
def complete_referral(referral_id):
    referral = _load(referral_id)
    form = CompleteForm(province=referral.case.site.province, version=referral.version)
    return handle_form(
        form, lambda: referrals.complete_referral(current_user, referral, form.outcome.data,
                                                  form.version.data),
        done=_("Referral completed."), success_url=_queue_url(referral),
        template="teamwork/referral_complete.html", versioned=referral, referral=referral)


@bp.route("/referrals/<int:referral_id>/reassign", methods=["GET", "POST"])
@login_required
def reassign_referral(referral_id):
    referral = _load(referral_id, can_reassign_referral)
    form = AssignForm(members=referrals.assignable_members(referral), version=referral.version,
                      assignee=referral.assignee_id)
    return handle_form(
        form, lambda: referrals.reassign_referral(current_user, referral, _assignee(form),
                                                  form.version.data),
        done=_("Referral reassigned."), success_url=_queue_url(referral),
        template="teamwork/referral_reassign.html", versioned=referral, referral=referral)
