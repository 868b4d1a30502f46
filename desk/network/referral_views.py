"""Referring a case to an outside service: find the service from the case, the consent gate,
the referral's page and lifecycle, the two prints, and the follow-up list."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from .. import policy
from ..audit.services import audit
from ..common.clock import today
from ..common.formflow import ALREADY_SAVED, attempt
from ..common.i18n import is_rtl
from ..common.print_languages import ui_print_language
from ..common.transactions import read_only
from ..extensions import db
from ..models import receipts
from . import referral_queries
from . import referral_services as referrals
from .blueprint import bp
from .directory_queries import case_needs, find_services
from .directory_views import search_context
from .figures import external_referral_figures
from .filters import read_filter
from .forms import AcknowledgeForm, ExternalReferralForm, OutcomeForm, day_names


@bp.route("/cases/<int:case_id>/services")
@login_required
@read_only
def case_services(case_id):
    case = policy.get_case_or_404(current_user, case_id)
    policy.require_capability(current_user, "refer_external")
    wanted = read_filter(request.args, default_needs=case_needs(current_user, case))
    return render_template("network/directory.html", case=case,
                           services=find_services(current_user, wanted),
                           **search_context(wanted))


def _consent_message(may_override: bool) -> str:
    if may_override:
        return _("The person has not agreed to share their data with this organisation. Tick "
                 "the consent if they agree now, or write why you send the referral anyway.")
    return _("The person has not agreed to share their data with this organisation, so the "
             "referral cannot be sent. Ask them and tick the consent; if it cannot wait, ask a "
             "supervisor.")


@bp.route("/cases/<int:case_id>/services/<int:service_id>/refer", methods=["GET", "POST"])
@login_required
def refer(case_id, service_id):
    case = policy.get_case_or_404(current_user, case_id)
    service = policy.get_service_or_404(current_user, service_id)
    policy.require_capability(current_user, "refer_external")
    may_override = policy.can(current_user, "override_consent")
    form = ExternalReferralForm()
    if not form.is_submitted():
        form.follow_up_on.data = today() + timedelta(
            days=current_app.config.get("EXTERNAL_FOLLOW_UP_DAYS", 14))
    consent = referrals.consent_for(case.person, service.organisation)
    context = {"case": case, "service": service, "consent": consent,
               "may_override": may_override, "day_names": day_names()}
    token = form.form_token.data if form.is_submitted() else None
    if token and (first := receipts.receipt_url(current_user, token)):
        flash(str(ALREADY_SAVED), "info")
        return redirect(first)
    if form.is_submitted() and form.validate():
        data = referrals.ReferralData(
            reason=form.reason.data, urgency=form.urgency.data,
            follow_up_on=form.follow_up_on.data, agreed=form.agreed.data,
            consent_given=form.consent_given.data,
            consent_language=ui_print_language(case.person),
            override_reason=form.override_reason.data)
        sent = []
        try:
            def refer():
                sent.append(referrals.refer_externally(current_user, case, service, data,
                                                       may_override))
                receipts.keep_receipt(current_user, token, url_for(
                    "network.external_referral", external_referral_id=sent[0].id))

            status = attempt(refer)
        except referrals.ConsentMissing:
            db.session.rollback()
            form.consent_given.errors = [_consent_message(may_override)]
            status = 422
        if status is None:
            flash(_("Referral sent to %(organisation)s.", organisation=service.organisation.name),
                  "success")
            return redirect(url_for("network.external_referral", external_referral_id=sent[0].id))
        return render_template("network/refer_form.html", form=form, **context), status
    status = 422 if form.is_submitted() else 200
    return render_template("network/refer_form.html", form=form, **context), status


@bp.route("/external-referrals/<int:external_referral_id>")
@login_required
def external_referral(external_referral_id):
    referral = policy.get_external_referral_or_404(current_user, external_referral_id)
    policy.require_capability(current_user, "refer_external")
    audit("view", referral, person_id=referral.case.person_id)
    return render_template("network/external_referral.html", referral=referral,
                           ack_form=AcknowledgeForm(version=referral.version),
                           outcome_form=OutcomeForm(version=referral.version), day_names=day_names())


def lifecycle_view(referral, back_url: str, action: str):
    """Acknowledge or record the outcome of a referral (staff and partner pages alike)."""
    if action == "acknowledge":
        form = AcknowledgeForm()
        run = lambda: referrals.acknowledge(current_user, referral, form.version.data)  # noqa: E731
        done = _("Referral acknowledged.")
    else:
        form = OutcomeForm()
        run = lambda: referrals.record_outcome(  # noqa: E731
            current_user, referral, form.version.data, form.outcome.data)
        done = _("Outcome recorded.")
    if form.validate_on_submit() and attempt(run, form, referral) is None:
        flash(done, "success")
    elif form.errors:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
    return redirect(back_url)


@bp.route("/external-referrals/<int:external_referral_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(external_referral_id):
    referral = policy.get_external_referral_or_404(current_user, external_referral_id)
    policy.require_capability(current_user, "refer_external")
    return lifecycle_view(referral, url_for("network.external_referral", external_referral_id=referral.id),
                          "acknowledge")


@bp.route("/external-referrals/<int:external_referral_id>/outcome", methods=["POST"])
@login_required
def record_outcome(external_referral_id):
    referral = policy.get_external_referral_or_404(current_user, external_referral_id)
    policy.require_capability(current_user, "refer_external")
    return lifecycle_view(referral, url_for("network.external_referral", external_referral_id=referral.id),
                          "outcome")


def _print(referral, template: str, language: str, action: str):
    with force_locale(language):
        body = render_template(template, referral=referral, case=referral.case,
                               person=referral.case.person, service=referral.service,
                               day_names=day_names(), sender=referral.created_by)
    audit(action, referral, person_id=referral.case.person_id)
    return render_template("network/print.html", referral=referral, language=language,
                           print_rtl=is_rtl(language), body=Markup(body))


@bp.route("/external-referrals/<int:external_referral_id>/letter")
@login_required
def letter(external_referral_id):
    """The letter for the receiving service: in Italian, with the minimum necessary data."""
    referral = policy.get_external_referral_or_404(current_user, external_referral_id)
    policy.require_capability(current_user, "refer_external")
    return _print(referral, "network/_letter_body.html", "it", "print")


@bp.route("/external-referrals/<int:external_referral_id>/sheet")
@login_required
def sheet(external_referral_id):
    """The sheet for the person, in their language: where to go, when, what to bring."""
    referral = policy.get_external_referral_or_404(current_user, external_referral_id)
    policy.require_capability(current_user, "refer_external")
    return _print(referral, "network/_sheet_body.html", ui_print_language(referral.case.person),
                  "print")


@bp.route("/network/follow-ups")
@login_required
@read_only
def follow_ups():
    policy.require_capability(current_user, "refer_external")
    mine = request.args.get("mine") == "1"
    return render_template("network/follow_ups.html", mine=mine, today=today(),
                           referrals=referral_queries.follow_ups(current_user, mine=mine))


@bp.route("/network/figures")
@login_required
@read_only
def figures():
    policy.require_capability(current_user, "view_supervision")
    return render_template("network/figures.html",
                           figures=external_referral_figures(current_user))
