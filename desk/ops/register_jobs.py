"""The worker's run of a register's check or import (task "register_job", ops.task_queue):
one transaction for the job, committed here; on any failure rolled back whole, and the upload
then says why, in the language of the operator who uploaded it.

The check only reads until it is done: on SQLite it holds no write lock while it compares
thousands of rows with the register, so the desk keeps registering meanwhile; what it found is
then written in a short transaction of its own. The import holds the lock throughout: it is
checked again and written as one, so nobody registers the same person in between."""

from flask import current_app
from flask_babel import force_locale
from sqlalchemy.exc import SQLAlchemyError

from ..common.refusals import ActionRefused
from ..common.transactions import reading_without_write_lock
from ..counter import import_job_services as jobs
from ..counter.import_services import MappingProblem
from ..counter.import_upload_services import progress_path
from ..extensions import db


def run_register_job(upload_id: int, action: str) -> None:
    found = seen_at = None
    if action == "check":
        read = _dry_run(upload_id)
        if read is None:  # delivered twice, or the upload has moved on
            return
        seen_at, found = read
    upload = jobs.job_upload(upload_id, action)
    if upload is None or (seen_at is not None and upload.updated_at != seen_at):
        return  # moved on, or queued again since it was read: that run writes its own result
    progress = progress_path(upload)
    with force_locale(upload.locale):
        try:
            if isinstance(found, Exception):
                raise found
            if action == "check":
                jobs.keep_dry_run(upload, found)
            else:
                jobs.run_import(upload)
            db.session.commit()
            if upload.status == "imported":
                jobs.after_import(upload)
                db.session.commit()
        except (ActionRefused, MappingProblem) as problem:
            _fail(upload_id, str(problem))
        except Exception:
            current_app.logger.exception("register job %s (%s) failed", upload_id, action)
            _fail(upload_id, jobs.unexpected_failure())
        finally:
            progress.unlink(missing_ok=True)


def _dry_run(upload_id: int):
    """The check, read in a transaction without the write lock and ended: None if the upload
    is not waiting for it, else (when it was queued, what it found or the exception that
    stopped it, raised again where the job's failures are handled)."""
    seen_at = None
    with reading_without_write_lock():
        try:
            upload = jobs.job_upload(upload_id, "check")
            if upload is None:
                return None
            seen_at = upload.updated_at
            with force_locale(upload.locale):
                return seen_at, jobs.dry_run(upload)
        except Exception as problem:  # noqa: BLE001 - handled with the job's own failures
            return seen_at, problem
        finally:
            try:
                db.session.rollback()
            except SQLAlchemyError:  # a broken connection: the write phase opens another
                db.session.remove()


def _fail(upload_id: int, message: str) -> None:
    db.session.rollback()
    jobs.fail_job(upload_id, message)
    db.session.commit()
