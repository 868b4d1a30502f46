"""Attach a file from the case page; open one only through the access policy."""

import io

from flask import abort, current_app, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..common.formflow import handle_form
from ..models import receipts
from ..models.staff import author_teams
from ..policy import can, get_attachment_or_404, get_case_or_404, require
from . import services
from .blueprint import bp
from .forms import AttachmentForm
from .storage import StoreError


def _upload() -> tuple[str | None, bytes]:
    upload = request.files.get("file")
    if upload is None:
        return None, b""
    return upload.filename, upload.stream.read(services.max_bytes() + 1)


@bp.route("/cases/<int:case_id>/attachments/new", methods=["GET", "POST"])
@login_required
def attach(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "add_document"))
    # Room for the file and the form (the default request limit is for text only); a file
    # up to twice the limit is read and refused with the form's own message.
    request.max_content_length = 2 * services.max_bytes() + 64 * 1024
    form = AttachmentForm(teams=author_teams(current_user, case))

    def run():
        filename, data = _upload()
        services.attach_file(current_user, case, filename=filename, data=data,
                             kind=form.kind.data, visibility=form.visibility.data,
                             team_id=form.team.data, on_person=form.on_person.data)

    return handle_form(
        form, run, done=_("File attached."),
        success_url=url_for("cases.case_detail", case_id=case.id, _anchor="attachments"),
        template="attachments/attach_form.html", once=receipts, case=case,
        max_megabytes=services.max_bytes() // (1024 * 1024))


@bp.route("/attachments/<int:attachment_id>")
@login_required
def download(attachment_id):
    attachment = get_attachment_or_404(current_user, attachment_id)
    try:
        data = services.download(current_user, attachment)
    except StoreError as problem:  # missing or altered on disk: never serve other bytes
        current_app.logger.error("attachment %s: %s", attachment.id, problem)
        abort(500)
    response = send_file(io.BytesIO(data), mimetype=attachment.content_type,
                         as_attachment=True, download_name=attachment.filename,
                         max_age=0, etag=False, last_modified=None)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
