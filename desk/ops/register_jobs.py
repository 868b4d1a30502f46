"""The worker's run of a register's check or import (task "register_job", ops.task_queue):
one transaction for the job, committed here; on any failure rolled back whole, and the upload
then says why, in the language of the operator who uploaded it."""

from flask import current_app
from flask_babel import force_locale

from ..common.refusals import ActionRefused
from ..counter import import_job_services as jobs
from ..counter.import_services import MappingProblem
from ..extensions import db


def run_register_job(upload_id: int, action: str) -> None:
    upload = jobs.job_upload(upload_id, action)
    if upload is None:  # delivered twice, or the upload has moved on
        return
    with force_locale(upload.locale):
        try:
            jobs.run_job(upload, action)
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


def _fail(upload_id: int, message: str) -> None:
    db.session.rollback()
    jobs.fail_job(upload_id, message)
    db.session.commit()
