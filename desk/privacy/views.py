"""The access export (printable page and JSON), consent withdrawal, legal hold."""

import io
import json
import zipfile
from datetime import date, datetime

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from .. import policy
from ..attachments import services as attachments
from ..audit.services import audit
from ..auth.fresh import require_fresh_login
from ..common.clock import utcnow
from ..common.i18n import LOCALES, format_date, format_datetime, has_catalogue, is_rtl
from ..policy import get_person_or_404
from . import consent, export
from .blueprint import bp
from .erasure import obstacles, set_legal_hold
from .forms import LegalHoldForm, WithdrawConsentForm


def _person_for_request(person_id: int):
    """Load, then check: the person must be visible (404) and the user a supervisor (403)."""
    person = get_person_or_404(current_user, person_id)
    policy.require_capability(current_user, "privacy_requests")
    return person


def readable(value):
    """An ISO date or UTC time of the export, as the reader's locale writes it (the person
    reads it: no seconds, no time zone's name)."""
    if not isinstance(value, str) or not value[:4].isdigit():
        return value
    try:
        if len(value) == 10:
            return format_date(date.fromisoformat(value), "medium")
        if value.endswith("Z"):
            return format_datetime(datetime.fromisoformat(value[:-1]), "medium", time="short")
    except ValueError:
        pass
    return value


def export_languages(person) -> list[str]:
    """The person's language when the desk has it, else Italian and English."""
    wanted = person.preferred_language
    return [wanted] if has_catalogue(wanted) else ["it", "en"]


@bp.route("/people/<int:person_id>/export")
@login_required
@require_fresh_login
def export_page(person_id):
    person = _person_for_request(person_id)
    languages = export_languages(person)
    copies, data = [], None
    for language in languages:
        with force_locale(language):
            data = export.collect(person, current_user)
            body = render_template("privacy/_export_body.html", data=data, readable=readable)
        copies.append((language, is_rtl(language), Markup(body)))
    audit("export", person, detail={"format": "page", "languages": languages,
                                    "confidential_entries": export.confidential_count(data)})
    return render_template("privacy/export.html", person=person, copies=copies,
                           json_language=languages[0], obstacles=obstacles(current_user, person))


def _export_data(person, fmt: str) -> dict:
    language = request.args.get("lang")
    language = language if language in LOCALES else export_languages(person)[0]
    with force_locale(language):
        data = export.collect(person, current_user)
    data = {"generated_at": utcnow().isoformat(timespec="seconds") + "Z",
            "language": language, **data}
    audit("export", person, detail={"format": fmt, "languages": [language],
                                    "confidential_entries": export.confidential_count(data),
                                    "attachments": len(data["attachments"])})
    return data


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/people/<int:person_id>/export.json")
@login_required
@require_fresh_login
def export_json(person_id):
    person = _person_for_request(person_id)
    body = json.dumps(_export_data(person, "json"), ensure_ascii=False, indent=2)
    return _download(body, "application/json", f"person-{person.id}.json")


@bp.route("/people/<int:person_id>/export.zip")
@login_required
@require_fresh_login
def export_archive(person_id):
    """The JSON export and, beside it, a copy of every attached file the reader may open."""
    person = _person_for_request(person_id)
    data = _export_data(person, "zip")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"person-{person.id}.json", json.dumps(data, ensure_ascii=False, indent=2))
        for item in attachments.attachments_of_person(current_user, person.id):
            archive.writestr(f"files/{item.id}-{item.filename}", attachments.read_file(item))
    return _download(out.getvalue(), "application/zip", f"person-{person.id}.zip")


@bp.route("/people/<int:person_id>/consents/<int:consent_id>/withdraw", methods=["POST"])
@login_required
def withdraw_consent(person_id, consent_id):
    person = get_person_or_404(current_user, person_id)
    policy.require_capability(current_user, "edit_person")
    record = consent.consent_of(person, consent_id)
    if record is None:
        abort(404)
    if not WithdrawConsentForm().validate_on_submit():
        flash(_("The form has expired: try again."), "error")
        return redirect(url_for("counter.person_detail", person_id=person.id, _anchor="consent"))
    try:
        consent.withdraw_consent(current_user, record)
    except consent.AlreadyWithdrawn:
        flash(_("This consent was already withdrawn."), "info")
    else:
        flash(_("Consent withdrawn."), "success")
    return redirect(url_for("counter.person_detail", person_id=person.id, _anchor="consent"))


@bp.route("/people/<int:person_id>/legal-hold", methods=["GET", "POST"])
@login_required
def legal_hold(person_id):
    person = _person_for_request(person_id)
    form = LegalHoldForm(hold=person.legal_hold, reason=person.legal_hold_reason)
    if form.validate_on_submit():
        set_legal_hold(current_user, person, form.hold.data, form.reason.data)
        flash(_("Legal hold set.") if form.hold.data else _("Legal hold lifted."), "success")
        return redirect(url_for("counter.person_detail", person_id=person.id, _anchor="privacy"))
    status = 422 if form.errors else 200
    return render_template("privacy/legal_hold.html", person=person, form=form), status
