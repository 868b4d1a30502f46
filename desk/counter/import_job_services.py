"""The worker's part of an import through the pages (ops.task_queue, task "register_job"):
the dry run of an uploaded register, then its import in one transaction, each telling its
progress to the page (import_upload_services.write_progress).

A job runs only when its upload is in the state that asked for it ("checking" for the check,
"importing" for the import), so a task delivered twice does its work once. Messages are
written in the language of the operator who uploaded the file."""

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.register_imports import RegisterUpload
from ..models.sites import Site
from ..models.users import User
from ..policy import can
from . import import_services as registers
from .import_upload_services import (
    PREVIEW_ROWS,
    _remove_file,
    progress_path,
    stored_table,
    write_progress,
)

STEP_OF = {"check": "checking", "import": "importing"}


def run_register_job(upload_id: int, action: str) -> None:
    upload = db.session.get(RegisterUpload, upload_id)
    if upload is None or STEP_OF.get(action) != upload.status:
        return
    with force_locale(upload.locale):
        try:
            user, site = _actor(upload)
            if action == "check":
                _check(user, upload)
            else:
                _import(user, site, upload)
            db.session.commit()
            if upload.status == "imported":  # the file goes once the people are in
                _remove_file(upload)
                db.session.commit()
        except (ActionRefused, registers.MappingProblem) as problem:
            _fail(upload_id, str(problem))
        except Exception:
            current_app.logger.exception("register import %s failed", upload_id)
            _fail(upload_id, _("The import stopped on an unexpected error and nothing was "
                               "imported. Try again, or ask the administrator."))
        finally:
            progress_path(upload).unlink(missing_ok=True)


def _actor(upload: RegisterUpload):
    user, site = db.session.get(User, upload.user_id), db.session.get(Site, upload.site_id)
    if (user is None or not user.active or site is None or not can(user, "import_people")
            or site.id not in user.site_ids):
        raise ActionRefused(_("You may no longer import people into this desk."))
    return user, site


def _fail(upload_id: int, message: str) -> None:
    db.session.rollback()
    upload = db.session.get(RegisterUpload, upload_id)
    upload.status, upload.error = "failed", message[:2000]
    db.session.commit()


def _progress(upload: RegisterUpload, phase: str):
    def tell(done: int, total: int) -> None:
        write_progress(upload, phase, done, total)
    return tell


def _check(user, upload: RegisterUpload) -> None:
    """The dry run: every row judged, nothing written but what the page shows of it."""
    table = stored_table(upload)
    check = registers.check_register(user, table.rows, upload.mapping,
                                     progress=_progress(upload, "checking"))
    keep_check(upload, check)
    upload.status = "checked"


def keep_check(upload: RegisterUpload, check: registers.RegisterCheck) -> None:
    upload.to_import, upload.invalid = len(check.accepted), len(check.invalid)
    upload.duplicates = len(check.duplicates)
    upload.refusals = [[r.line, r.reason, r.duplicate] for r in check.refused]
    upload.people_named = sorted({r.person_id for r in check.refused if r.person_id})[:500]
    refused = {r.line: r for r in check.refused}
    accepted = {row.line: row for row in check.accepted}
    lines = sorted(set(refused) | set(accepted))[:PREVIEW_ROWS]
    upload.preview = [_previewed(line, accepted.get(line), refused.get(line)) for line in lines]


def _previewed(line: int, row, refusal) -> dict:
    if refusal is not None:
        return {"line": line, "reason": refusal.reason, "duplicate": refusal.duplicate}
    data = row.data
    return {"line": line, "values": {
        "given_name": data.given_name, "family_name": data.family_name,
        "original": " ".join(n for n in (data.given_name_original,
                                         data.family_name_original) if n),
        "birth": data.birth_date.isoformat() if data.birth_date else data.birth_year,
        "sex": data.sex, "nationality": data.nationality, "languages": data.languages,
        "preferred_language": data.preferred_language, "phone": data.phone,
        "tax_code": data.tax_code,
        "last_access": row.last_access.date().isoformat() if row.last_access else None,
        "needs": row.needs}}


def _import(user, site, upload: RegisterUpload) -> None:
    """Checked again against the register as it is now, then written in one transaction."""
    table = stored_table(upload)
    check = registers.check_register(user, table.rows, upload.mapping,
                                     progress=_progress(upload, "checking again"))
    if check.invalid:
        raise ActionRefused(_("Nothing was imported: some rows are refused now. Check the "
                              "file again to see which."))
    registers.remember_mapping(user, site, upload.mapping)
    count = registers.import_register(user, site, check, filename=upload.filename,
                                      progress=_progress(upload, "importing"))
    keep_check(upload, check)
    upload.imported, upload.status = count, "imported"
