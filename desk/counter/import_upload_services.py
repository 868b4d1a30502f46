"""A register uploaded through the pages: the file read at once (so that a file the desk cannot
read is refused on the upload form), kept under instance/ until it is imported or left, its
column mapping chosen, then checked and imported by the worker (counter.import_job_services).

The uploaded file is never in the static folder and never named after the uploader's name;
it is removed when the register is imported, left, or found stale. Each step moves the upload
from one state to the next with a conditional UPDATE, so that a form sent twice (a double
click, a resubmit) starts its work once."""

import io
import json
import os
import secrets
import zipfile
from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from ..audit.services import audit
from ..common import tables
from ..common.background import queue_after_commit
from ..common.clock import utcnow
from ..common.refusals import ActionRefused
from ..common.spreadsheet import safe_row, sheet_title
from ..extensions import db
from ..models.register_imports import RegisterUpload
from ..policy import register_upload_condition
from .import_services import FIELDS, MAX_ROWS, guess_mapping, remembered_mapping

# What a file that is not a spreadsheet begins with, and what to say about it.
_NOT_SPREADSHEETS = (
    (b"\xd0\xcf\x11\xe0", "xls"), (b"%PDF", "other"), (b"\x89PNG", "other"),
    (b"\xff\xd8\xff", "other"), (b"GIF8", "other"), (b"\x1f\x8b", "other"),
    (b"Rar!", "other"), (b"7z\xbc\xaf", "other"),
)
# An XLSX is a zip: this much unpacked at most (a zip bomb is refused before it is opened).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows of the file shown on the check page as they will be stored.
PREVIEW_ROWS = 10


def max_bytes() -> int:
    return int(current_app.config["REGISTER_UPLOAD_MAX_BYTES"])


def upload_dir() -> Path:
    return Path(current_app.config["REGISTER_UPLOAD_DIR"])


def _kind(content: bytes) -> str:
    """"xlsx" or "csv" from the bytes themselves (never from the file's name)."""
    if content.startswith(b"PK\x03\x04"):
        return "xlsx"
    for magic, kind in _NOT_SPREADSHEETS:
        if content.startswith(magic):
            if kind == "xls":
                raise ActionRefused(_("This is an old Excel file (.xls): open it and save it "
                                      "as .xlsx or as CSV UTF-8, then try again."))
            raise ActionRefused(_("This file is neither a CSV nor an XLSX spreadsheet."))
    utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in content[:4096] and not utf16:
        raise ActionRefused(_("This file is neither a CSV nor an XLSX spreadsheet."))
    return "csv"


def _check_unpacked_size(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ActionRefused(_("This is not a readable XLSX file.")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ActionRefused(_("The spreadsheet unpacks to far more than its size: it cannot "
                              "be read safely. Save it again as CSV UTF-8."))


def read_register(content: bytes) -> tables.Table:
    """The rows of a register, or ActionRefused saying what to change in the file."""
    if not content:
        raise ActionRefused(_("The file is empty."))
    if len(content) > max_bytes():
        raise ActionRefused(_("The file is too large (at most %(size)d MB).",
                              size=max(1, max_bytes() // (1024 * 1024))))
    kind = _kind(content)
    if kind == "xlsx":
        _check_unpacked_size(content)
    try:
        table = tables.read_table("register." + kind, content, max_bytes(), strict=True)
    except tables.UnreadableFile as problem:
        raise ActionRefused(str(problem)) from None
    if not table.rows:
        raise ActionRefused(_("The file is empty."))
    header = table.rows[0]
    seen = set()
    for name in header:
        if name.strip().casefold() in seen:
            raise ActionRefused(_("Two columns are both named %(name)s: rename one of them, "
                                  "then try again.", name=name.strip()[:60]))
        seen.add(name.strip().casefold())
    if len(table.rows) < 2:
        raise ActionRefused(_("The file has a header but no rows under it."))
    if len(table.rows) - 1 > MAX_ROWS:
        raise ActionRefused(_("At most %(count)d rows at a time.", count=MAX_ROWS))
    return table


def stored_path(upload: RegisterUpload) -> Path | None:
    return upload_dir() / upload.stored_name if upload.stored_name else None


def stored_table(upload: RegisterUpload) -> tables.Table:
    path = stored_path(upload)
    if path is None or not path.exists():
        raise ActionRefused(_("The uploaded file is no longer here: upload it again."))
    return read_register(path.read_bytes())


def upload_register(actor, site, filename: str | None, content: bytes) -> RegisterUpload:
    """Read the file (refused with a message when it cannot be read faithfully), keep it
    under instance/ and note it; the mapping is guessed from what the site used last time."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:120]
    table = read_register(content)
    header = [h.strip() for h in table.rows[0]]
    remove_stale_uploads(actor)
    stored_name = secrets.token_hex(16) + ("." + table.encoding if table.encoding == "xlsx"
                                           else ".csv")
    folder = upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    upload = RegisterUpload(
        site_id=site.id, user_id=actor.id, filename=name or "register", stored_name=stored_name,
        encoding=table.encoding, header=header, row_count=len(table.rows) - 1,
        locale=str(get_locale() or "it"), mapping=guess_mapping(header, remembered_mapping(site)),
        status="uploaded", refusals=[], preview=[], people_named=[])
    db.session.add(upload)
    db.session.flush()
    (folder / stored_name).write_bytes(content)
    remove_file_after_rollback(upload)
    return upload


_WRITTEN = "register_uploads_written"


def remove_file_after_rollback(upload: RegisterUpload) -> None:
    """A file kept for an upload that is then rolled back would stay for ever: it goes too."""
    db.session().info.setdefault(_WRITTEN, []).append(upload.stored_name)


@event.listens_for(Session, "after_commit")
def _forget_written(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_rollback")
def _remove_written(session: Session) -> None:
    for name in session.info.pop(_WRITTEN, None) or ():
        (upload_dir() / name).unlink(missing_ok=True)


def is_stale(upload: RegisterUpload) -> bool:
    hours = int(current_app.config["REGISTER_UPLOAD_HOURS"])
    return (upload.status in ("uploaded", "checked", "failed")
            and upload.created_at < utcnow() - timedelta(hours=hours))


def _remove_file(upload: RegisterUpload) -> None:
    path = stored_path(upload)
    if path is not None:
        path.unlink(missing_ok=True)
        progress_path(upload).unlink(missing_ok=True)
    upload.stored_name = None


def remove_stale_uploads(actor) -> None:
    """Files this user left behind longer ago than REGISTER_UPLOAD_HOURS are removed."""
    hours = int(current_app.config["REGISTER_UPLOAD_HOURS"])
    stale = db.session.scalars(db.select(RegisterUpload).where(
        RegisterUpload.user_id == actor.id, RegisterUpload.stored_name.is_not(None), register_upload_condition(actor),
        RegisterUpload.status.in_(("uploaded", "checked", "failed")),
        RegisterUpload.created_at < utcnow() - timedelta(hours=hours)))
    for upload in stale:
        _remove_file(upload)
        upload.status = "abandoned"


def _move(upload: RegisterUpload, from_states: tuple[str, ...], to_state: str) -> bool:
    """The upload moves on only from one of `from_states`: True for the one sending that
    moved it, False for a twin sent at the same moment or later."""
    moved = db.session.execute(
        update(RegisterUpload).where(RegisterUpload.id == upload.id,
                                     RegisterUpload.status.in_(from_states))
        .values(status=to_state, updated_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    db.session.refresh(upload)
    return moved == 1


def _refuse_if_stale(upload: RegisterUpload) -> None:
    if is_stale(upload):
        raise ActionRefused(_("This upload is too old to be used: upload the file again."))


def choose_mapping(actor, upload: RegisterUpload, mapping: dict) -> None:
    """Keep the chosen columns and queue the dry run (the site remembers them on import)."""
    _refuse_if_stale(upload)
    chosen = {name: mapping.get(name) or "" for name in FIELDS}
    if not _move(upload, ("uploaded", "checked", "failed"), "checking"):
        raise ActionRefused(_("This file is already being checked or imported."))
    upload.mapping = chosen
    upload.error = None
    write_progress(upload, "checking", 0, upload.row_count)
    queue_after_commit("register_job", upload.id, "check")


def confirm_import(actor, upload: RegisterUpload) -> None:
    """Queue the import of a checked register: once, and only when no row is refused."""
    _refuse_if_stale(upload)
    if upload.status == "checked" and upload.invalid:
        raise ActionRefused(_("Nothing can be imported while rows are refused: correct them "
                              "in the file and upload it again."))
    if upload.status == "checked" and not upload.to_import:
        raise ActionRefused(_("There is nobody new to import in this file."))
    if not _move(upload, ("checked",), "importing"):
        raise ActionRefused(_("This import has already been started."))
    write_progress(upload, "importing", 0, upload.to_import)
    queue_after_commit("register_job", upload.id, "import")


def abandon_upload(actor, upload: RegisterUpload) -> None:
    if not _move(upload, ("uploaded", "checked", "failed"), "abandoned"):
        raise ActionRefused(_("This import can no longer be abandoned."))
    _remove_file(upload)
    audit("abandon_register_import", upload, user=actor,
          detail={"file": upload.filename, "rows": upload.row_count})


# --- progress: a small file beside the upload, written by the worker, read by the page ------


def progress_path(upload: RegisterUpload) -> Path:
    return upload_dir() / f"{upload.stored_name or upload.id}.progress"


def write_progress(upload: RegisterUpload, phase: str, done: int, total: int) -> None:
    """Outside every transaction: the import's one transaction is still open while it runs."""
    path = progress_path(upload)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"phase": phase, "done": done, "total": total}))
    os.replace(temporary, path)


def read_progress(upload: RegisterUpload) -> dict:
    """{status, done, total, percent}: the worker's last word while it runs, else the state."""
    progress = {"done": 0, "total": upload.row_count}
    if upload.status in ("checking", "importing"):
        try:
            progress.update(json.loads(progress_path(upload).read_text()))
        except (OSError, ValueError):
            pass
    total = max(1, int(progress.get("total") or 0))
    done = min(int(progress.get("done") or 0), total)
    finished = upload.status not in ("checking", "importing")
    return {"status": upload.status, "done": total if finished else done, "total": total,
            "percent": 100 if finished else int(100 * done / total)}


# --- what the pages read -------------------------------------------------------------------

# Refused rows listed on the page (all of them are in the downloadable report).
REFUSALS_SHOWN = 50


def recent_uploads(user, limit: int = 10) -> list[RegisterUpload]:
    return list(db.session.scalars(
        select(RegisterUpload).where(register_upload_condition(user))
        .order_by(RegisterUpload.id.desc()).limit(limit)))


def audit_refusals_shown(user, upload: RegisterUpload, action: str) -> None:
    """The refusals name the people already registered that rows resemble."""
    audit(action, upload, user=user, detail={
        "file": upload.filename, "rows": upload.row_count, "refused": len(upload.refusals),
        "people": upload.people_named[:50]})


def refused_report(upload: RegisterUpload, fmt: str) -> tuple[bytes, str]:
    """The refused rows, headed in the reader's language, their reasons in the language of
    the operator who uploaded the file (the same person: uploads are their own)."""
    rows = [[_("Row"), _("Reason"), _("Likely duplicate")]]
    rows += [safe_row([line, reason, _("yes") if duplicate else ""])
             for line, reason, duplicate in upload.refusals]
    if fmt == "xlsx":
        return tables.to_xlsx(rows, sheet_title(_("Refused rows"), set())), XLSX_TYPE
    return tables.to_csv(rows), "text/csv; charset=utf-8"
