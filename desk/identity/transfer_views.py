"""The pages of a case's transfer to another desk: the request (from the case page), the
supervisors' list of transfers in and out, accepting, refusing and withdrawing."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..audit.services import audit
from ..common.formflow import handle_form
from ..models import receipts
from . import transfer_queries, transfer_services
from .blueprint import bp
from .forms import AcceptTransferForm, CancelTransferForm, RefuseTransferForm, RequestTransferForm


@bp.route("/cases/<int:case_id>/transfer", methods=["GET", "POST"])
@login_required
def request_transfer(case_id):
    case = policy.get_case_or_404(current_user, case_id)
    policy.require(policy.can_request_transfer(current_user, case))
    form = RequestTransferForm(sites=transfer_services.destinations(case))
    return handle_form(
        form, lambda: transfer_services.request_transfer(
            current_user, case, form.to_site.data, form.reason.data, form.consent.data),
        done=_("The request was sent to the supervisors of the other desk. The case stays "
               "with your desk until they accept it."),
        success_url=url_for("cases.case_detail", case_id=case.id),
        template="identity/transfer_request.html", once=receipts, case=case)


@bp.route("/transfers")
@login_required
def transfers():
    """A supervisor's transfers: those waiting for a decision, then the latest decided."""
    policy.require_capability(current_user, "decide_transfers")
    lists = transfer_queries.transfers_of(current_user)
    seen = {t.id: t for t in lists["incoming"] + lists["outgoing"] if t.id in lists["named"]}
    for transfer in seen.values():
        audit("view_transfers", transfer)
    return render_template("identity/transfers.html", **lists,
                           reference=transfer_services.reference)


def _decision_page(transfer_id, may, form_class, run, done, success_url, what):
    transfer = policy.get_transfer_or_404(current_user, transfer_id)
    policy.require(may(current_user, transfer))
    form = form_class(version=transfer.version)
    named = policy.names_the_person(current_user, transfer)
    if named and request.method == "GET":
        audit("view", transfer)
    return handle_form(
        form, lambda: run(transfer, form), done=done, success_url=success_url(transfer),
        template="identity/transfer_decision.html", versioned=transfer, transfer=transfer,
        named=named, what=what, reference=transfer_services.reference(transfer))


@bp.route("/transfers/<int:transfer_id>/accept", methods=["GET", "POST"])
@login_required
def accept_transfer(transfer_id):
    return _decision_page(
        transfer_id, policy.can_decide_transfer, AcceptTransferForm,
        lambda t, form: transfer_services.accept_transfer(current_user, t, form.version.data),
        _("Transfer accepted: the person and the case are now your desk's."),
        lambda t: url_for("cases.case_detail", case_id=t.case_id), "accept")


@bp.route("/transfers/<int:transfer_id>/refuse", methods=["GET", "POST"])
@login_required
def refuse_transfer(transfer_id):
    return _decision_page(
        transfer_id, policy.can_decide_transfer, RefuseTransferForm,
        lambda t, form: transfer_services.refuse_transfer(current_user, t, form.reason.data,
                                                          form.version.data),
        _("Transfer refused: the sending desk has been told."),
        lambda t: url_for("identity.transfers"), "refuse")


@bp.route("/transfers/<int:transfer_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_transfer(transfer_id):
    return _decision_page(
        transfer_id, policy.can_cancel_transfer, CancelTransferForm,
        lambda t, form: transfer_services.cancel_transfer(current_user, t, form.version.data),
        _("Request withdrawn: the case stays with your desk."),
        lambda t: url_for("cases.case_detail", case_id=t.case_id), "cancel")
