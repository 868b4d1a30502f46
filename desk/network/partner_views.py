"""The pages of a partner organisation's account: the referrals sent to it, with only the
letter's data; acknowledge, record the outcome, reply to the desk."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..audit.services import audit
from ..common.formflow import ALREADY_SAVED, attempt
from ..common.transactions import read_only
from ..models import receipts
from . import referral_queries
from . import referral_services as referrals
from .blueprint import bp
from .forms import AcknowledgeForm, OutcomeForm, ReplyForm
from .referral_views import lifecycle_view


@bp.route("/partner/")
@login_required
@read_only
def partner_home():
    policy.require_capability(current_user, "work_partner_referrals")
    status = request.args.get("status")
    return render_template("network/partner_home.html", status=status,
                           referrals=referral_queries.partner_inbox(current_user, status))


def _load(external_referral_id):
    referral = policy.get_partner_referral_or_404(current_user, external_referral_id)
    policy.require_capability(current_user, "work_partner_referrals")
    return referral


@bp.route("/partner/referrals/<int:external_referral_id>")
@login_required
def partner_referral(external_referral_id):
    referral = _load(external_referral_id)
    audit("view", referral, person_id=referral.case.person_id)
    return render_template("network/partner_referral.html", referral=referral,
                           ack_form=AcknowledgeForm(version=referral.version),
                           outcome_form=OutcomeForm(version=referral.version),
                           reply_form=ReplyForm())


@bp.route("/partner/referrals/<int:external_referral_id>/acknowledge", methods=["POST"])
@login_required
def partner_acknowledge(external_referral_id):
    referral = _load(external_referral_id)
    return lifecycle_view(referral, url_for("network.partner_referral", external_referral_id=referral.id),
                          "acknowledge")


@bp.route("/partner/referrals/<int:external_referral_id>/outcome", methods=["POST"])
@login_required
def partner_outcome(external_referral_id):
    referral = _load(external_referral_id)
    return lifecycle_view(referral, url_for("network.partner_referral", external_referral_id=referral.id),
                          "outcome")


@bp.route("/partner/referrals/<int:external_referral_id>/reply", methods=["POST"])
@login_required
def partner_reply(external_referral_id):
    referral = _load(external_referral_id)
    form = ReplyForm()
    back = url_for("network.partner_referral", external_referral_id=referral.id)
    if receipts.receipt_url(current_user, form.form_token.data):
        flash(str(ALREADY_SAVED), "info")
        return redirect(back)
    if form.validate_on_submit():
        def send():
            referrals.reply(current_user, referral, form.body.data)
            receipts.keep_receipt(current_user, form.form_token.data, back)

        if attempt(send) is None:
            flash(_("Reply sent to the desk."), "success")
    else:
        for error in form.body.errors:
            flash(error, "error")
    return redirect(url_for("network.partner_referral", external_referral_id=referral.id))
