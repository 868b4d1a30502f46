"""The worker's part of an import through the pages (ops.task_queue, task "register_job"):
the dry run of an uploaded register, then its import in one transaction, each telling its
progress to the page (import_upload_services.write_progress). The worker (ops.register_jobs)
commits; these only flush.

A job runs only when its upload is in the state that asked for it ("checking" for the check,
"importing" for the import), so a task delivered twice does its work once. Messages are
written in the language of the operator who uploaded the file."""

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
    stored_table,
    write_progress,
)

STEP_OF = {"check": "checking", "import": "importing"}


def job_upload(upload_id: int, action: str) -> RegisterUpload | None:
    """The upload a job is for, if it is still waiting for this job."""
    upload = db.session.get(RegisterUpload, upload_id)
    if upload is None or STEP_OF.get(action) != upload.status:
        return None
    return upload


def run_import(upload: RegisterUpload) -> None:
    """Checked again against the register as it is now, then written in one transaction;
    flushed, the worker commits it (ops.register_jobs)."""
    user, site = _actor(upload)
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


def dry_run(upload: RegisterUpload) -> registers.RegisterCheck:
    """Every row judged; nothing written (ops.register_jobs reads it without the write lock)."""
    user, _site = _actor(upload)
    return registers.check_register(user, stored_table(upload).rows, upload.mapping,
                                    progress=_progress(upload, "checking"))


def keep_dry_run(upload: RegisterUpload, check: registers.RegisterCheck) -> None:
    """What the page shows of the dry run."""
    keep_check(upload, check)
    upload.status = "checked"


def after_import(upload: RegisterUpload) -> None:
    """Once the people are in (committed), the file goes."""
    _remove_file(upload)


def unexpected_failure() -> str:
    return _("The import stopped on an unexpected error and nothing was imported. Try "
             "again, or ask the administrator.")


def fail_job(upload_id: int, message: str) -> None:
    """After a rollback: the upload says why nothing was done."""
    upload = db.session.get(RegisterUpload, upload_id)
    upload.status, upload.error = "failed", message[:2000]
    db.session.flush()


def _actor(upload: RegisterUpload):
    user, site = db.session.get(User, upload.user_id), db.session.get(Site, upload.site_id)
    if (user is None or not user.active or site is None or not can(user, "import_people")
            or site.id not in user.site_ids):
        raise ActionRefused(_("You may no longer import people into this desk."))
    return user, site


def _progress(upload: RegisterUpload, phase: str):
    def tell(done: int, total: int) -> None:
        write_progress(upload, phase, done, total)
    return tell


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

