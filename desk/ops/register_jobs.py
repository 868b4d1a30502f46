"""The worker's run of a register's check or import (task "register_job", ops.task_queue):
one transaction for the job, committed here; on any failure rolled back whole, and the upload
then says why, in the language of the operator who uploaded it.

The check only reads until it is done: on SQLite it holds no write lock while it compares
thousands of rows with the register, so the desk keeps registering meanwhile; what it found is
then written in a short transaction of its own. The import holds the lock throughout: it is
checked again and written as one, so nobody registers the same person in between."""

from flask import current_app
from flask_babel import force_locale

from ..common.refusals import ActionRefused
from ..common.transactions import reading_without_write_lock
from ..counter import import_job_services as jobs
from ..counter.import_services import MappingProblem
from ..extensions import db


def run_register_job(upload_id: int, action: str) -> None:
    found = _dry_run(upload_id) if action == "check" else None
    upload = jobs.job_upload(upload_id, action)
    if upload is None:  # delivered twice, or the upload has moved on (abandoned meanwhile)
        return
    with force_locale(upload.locale):
        try:
            if isinstance(found, Exception):
                raise found
            if found is not None:
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
            jobs.end_job(upload)


def _dry_run(upload_id: int):
    """The check, read in a transaction without the write lock and ended: what it found, or
    the exception that stopped it (raised again where the job's failures are handled)."""
    with reading_without_write_lock():
        try:
            upload = jobs.job_upload(upload_id, "check")
            if upload is None:
                return None
            with force_locale(upload.locale):
                return jobs.dry_run(upload)
        except Exception as problem:  # noqa: BLE001 - handled with the job's own failures
            return problem
        finally:
            db.session.rollback()


def _fail(upload_id: int, message: str) -> None:
    db.session.rollback()
    jobs.fail_job(upload_id, message)
    db.session.commit()
