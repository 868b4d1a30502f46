"""A person's residence documents, added or updated from the case page."""

from flask import abort, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..common.formflow import handle_form
from ..models import receipts
from ..policy import can, get_case_or_404, get_document_or_404, require
from . import document_services as documents
from .blueprint import bp
from .document_forms import DocumentForm


def _data(form) -> dict:
    return {"doc_type": form.doc_type.data, "number": form.number.data,
            "expiry_date": form.expiry_date.data}


@bp.route("/cases/<int:case_id>/documents/new", methods=["GET", "POST"])
@login_required
def add_document(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "add_document"))
    form = DocumentForm()
    return handle_form(
        form, lambda: documents.add_document(current_user, case, **_data(form)),
        done=_("Document saved."),
        success_url=url_for("cases.case_detail", case_id=case.id, _anchor="person"),
        template="counter/document_form.html", once=receipts, case=case,
        document=None)


@bp.route("/cases/<int:case_id>/documents/<int:document_id>", methods=["GET", "POST"])
@login_required
def edit_document(case_id, document_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "add_document"))
    document = get_document_or_404(current_user, document_id)
    if document.person_id != case.person_id:
        abort(404)
    form = DocumentForm(obj=document, version=document.version)
    return handle_form(
        form, lambda: documents.update_document(current_user, case, document,
                                                form.version.data, **_data(form)),
        done=_("Document updated."),
        success_url=url_for("cases.case_detail", case_id=case.id, _anchor="person"),
        template="counter/document_form.html", versioned=document, case=case,
        document=document)
