"""Importing a desk's existing register through the pages, for supervisors: upload → columns →
dry run (with a progress bar) → go-ahead → result. The worker does the long parts."""

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..common.formflow import ALREADY_SAVED, attempt
from ..common.refusals import ActionRefused
from ..common.tables import ENCODING_NAMES
from ..common.transactions import read_only
from ..extensions import db
from ..models import receipts
from . import import_upload_services as uploads
from .blueprint import bp
from .import_forms import STATE_LABELS, StepForm, UploadForm, mapping_form
from .import_services import FIELDS


def _upload_or_404(upload_id: int):
    policy.require_capability(current_user, "import_people")
    return policy.get_register_upload_or_404(current_user, upload_id)


def _status_url(upload) -> str:
    return url_for("counter.import_status", upload_id=upload.id)


@bp.route("/people/import", methods=["GET", "POST"])
@login_required
def import_upload():
    policy.require_capability(current_user, "import_people")
    # Room for the file (the default request limit is for text only); a file up to twice the
    # limit is read and refused with the form's own message.
    request.max_content_length = 2 * uploads.max_bytes() + 64 * 1024
    form = UploadForm(sites=current_user.sites)
    if form.validate_on_submit():
        if first := receipts.receipt_url(current_user, form.form_token.data):
            flash(str(ALREADY_SAVED), "info")
            return redirect(first)
        file = request.files["file"]
        try:
            upload = uploads.upload_register(current_user, form.chosen_site(), file.filename,
                                             file.stream.read(uploads.max_bytes() + 1))
        except ActionRefused as refused:
            db.session.rollback()
            form.file.errors = [*form.file.errors, refused.message]
        else:
            receipts.keep_receipt(current_user, form.form_token.data, url_for(
                "counter.import_mapping", upload_id=upload.id))
            flash(_("The file was read as %(encoding)s: now say which column holds what.",
                    encoding=ENCODING_NAMES[upload.encoding]), "success")
            return redirect(url_for("counter.import_mapping", upload_id=upload.id))
    return render_template("counter/import_upload.html", form=form,
                           recent=uploads.recent_uploads(current_user),
                           max_megabytes=uploads.max_bytes() // (1024 * 1024),
                           state_labels=STATE_LABELS), 422 if form.is_submitted() else 200


@bp.route("/people/import/<int:upload_id>/columns", methods=["GET", "POST"])
@login_required
def import_mapping(upload_id):
    upload = _upload_or_404(upload_id)
    if upload.status in ("checking", "importing", "imported", "abandoned"):
        if request.method == "POST":
            flash(_("This file is already being checked or imported."), "info")
        return redirect(_status_url(upload))
    form = mapping_form(upload.header, upload.mapping)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            status = attempt(lambda: uploads.choose_mapping(current_user, upload,
                                                            form.mapping()))
            if status is None:
                return redirect(_status_url(upload))
    return render_template("counter/import_mapping.html", form=form, upload=upload,
                           fields=FIELDS, stale=uploads.is_stale(upload)), status


@bp.route("/people/import/<int:upload_id>")
@login_required
@read_only
def import_status(upload_id):
    upload = _upload_or_404(upload_id)
    if upload.status == "uploaded":
        return redirect(url_for("counter.import_mapping", upload_id=upload.id))
    if upload.refusals:
        uploads.audit_refusals_shown(current_user, upload, "view_register_check")
    return render_template("counter/import_status.html", upload=upload,
                           progress=uploads.read_progress(upload),
                           stale=uploads.is_stale(upload), form=StepForm(),
                           shown=upload.refusals[:uploads.REFUSALS_SHOWN],
                           state_labels=STATE_LABELS)


@bp.route("/people/import/<int:upload_id>/progress")
@login_required
@read_only
def import_progress(upload_id):
    response = jsonify(uploads.read_progress(_upload_or_404(upload_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/people/import/<int:upload_id>/refused.<any(csv, xlsx):fmt>")
@login_required
@read_only
def import_refused(upload_id, fmt):
    upload = _upload_or_404(upload_id)
    uploads.audit_refusals_shown(current_user, upload, "export_register_refusals")
    body, mimetype = uploads.refused_report(upload, fmt)
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = \
        f'attachment; filename="refused-rows-{upload.id}.{fmt}"'
    response.headers["Cache-Control"] = "no-store, private"
    return response


@bp.route("/people/import/<int:upload_id>/confirm", methods=["POST"])
@login_required
def import_confirm(upload_id):
    upload = _upload_or_404(upload_id)
    if StepForm().validate_on_submit() and attempt(
            lambda: uploads.confirm_import(current_user, upload)) is None:
        flash(_("The import has started: this page shows how far it has got."), "success")
    return redirect(_status_url(upload), 303)


@bp.route("/people/import/<int:upload_id>/abandon", methods=["POST"])
@login_required
def import_abandon(upload_id):
    upload = _upload_or_404(upload_id)
    if StepForm().validate_on_submit() and attempt(
            lambda: uploads.abandon_upload(current_user, upload)) is None:
        flash(_("The upload was abandoned and its file removed: nothing was imported."),
              "success")
        return redirect(url_for("counter.import_upload"), 303)
    return redirect(_status_url(upload), 303)
