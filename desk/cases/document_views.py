"""A person's residence documents, added or updated from the case page."""

from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.rules import can, require
from ..database import commit_on_success
from ..people import documents
from . import bp
from .plan_forms import DocumentForm
from .viewkit import get_case_or_404, get_document_or_404, handle_form
from .views import case_url


def _data(form) -> dict:
    return {"doc_type": form.doc_type.data, "number": form.number.data,
            "expiry_date": form.expiry_date.data}


@bp.route("/cases/<int:case_id>/documents/new", methods=["GET", "POST"])
@login_required
@commit_on_success
def add_document(case_id):
    case = get_case_or_404(case_id)
    require(can(current_user, "add_document"))
    form = DocumentForm()
    return handle_form(
        form, lambda: documents.add_document(current_user, case, **_data(form)),
        done=_("Document saved."), success_url=case_url(case.id) + "#person",
        template="cases/document_form.html", case=case, document=None)


@bp.route("/cases/<int:case_id>/documents/<int:document_id>", methods=["GET", "POST"])
@login_required
@commit_on_success
def edit_document(case_id, document_id):
    case = get_case_or_404(case_id)
    require(can(current_user, "add_document"))
    document = get_document_or_404(case, document_id)
    form = DocumentForm(obj=document, version=document.version)
    return handle_form(
        form, lambda: documents.update_document(current_user, case, document,
                                                form.version.data, **_data(form)),
        done=_("Document updated."), success_url=case_url(case.id) + "#person",
        template="cases/document_form.html", versioned=document, case=case,
        document=document)
