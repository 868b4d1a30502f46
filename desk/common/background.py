"""Work handed to the task queue (worker.py) once the request's transaction is committed:
the worker then finds what the request wrote, and a request rolled back queues nothing."""

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db

PENDING = "desk_pending_tasks"


def queue_after_commit(name: str, *args) -> None:
    db.session().info.setdefault(PENDING, []).append((name, args))


@event.listens_for(Session, "after_commit")
def _queue_pending(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    for name, args in pending or ():
        current_app.extensions["task_queue"](name, *args)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING, None)
