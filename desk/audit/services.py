"""Writing the audit log. Rows are never changed.

A change is audited in the transaction that makes it. A page that is only shown (GET) keeps
its audit rows aside and writes them after the page is made, in a short transaction of their
own on another connection (`write_aside`): on SQLite a read transaction that later writes
fails with "database is locked" when another writer committed meanwhile, and taking the write
lock for the whole page would make every audited page wait for every writer. When another
writer holds the lock even so, the rows go to `later`, a writer thread that waits for the
lock: the page is shown at once and never fails because its audit row could not be written.
"""

import atexit
import queue
import threading
import time

from flask import Flask, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

from ..common.clock import utcnow
from ..common.transactions import write_aside
from ..extensions import db
from ..models.audit import AuditLog
from ..models.people import Person
from .chain import init_chain


def audit(
    action: str,
    obj=None,
    *,
    user=None,
    person_id: int | None = None,
    detail: dict | None = None,
    object_type: str | None = None,
    object_id: int | None = None,
) -> AuditLog:
    """Record that `user` (default: the signed-in user) did `action` on `obj`."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = object_id or obj.id
        if person_id is None:
            person_id = getattr(obj, "person_id", None)
            if object_type == "person":
                person_id = obj.id
    row = AuditLog(
        user_id=user.id if user is not None else None,
        ip_address=request.remote_addr if has_request_context() else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        person_id=person_id,
        detail=detail or {},
    )
    if has_request_context() and request.method in ("GET", "HEAD"):
        row.at = utcnow()  # when it was seen, however late the row is written
        g.setdefault("deferred_audit", []).append(row)
    else:
        db.session.add(row)
    return row


def audit_kept(action: str, *, user, detail: dict, person_id: int | None = None,
               object_type: str | None = None, object_id: int | None = None) -> AuditLog:
    """Record a look-up that stays on record even when the page then refuses the form it came
    with (a registration refused because the person exists at another desk): written after
    the page, whatever its status, like the rows of a page that is only shown."""
    row = AuditLog(user_id=user.id if user is not None else None,
                   ip_address=request.remote_addr if has_request_context() else None,
                   action=action, object_type=object_type, object_id=object_id,
                   person_id=person_id, detail=detail, at=utcnow())
    if has_request_context():
        g.setdefault("kept_audit", []).append(row)
    else:
        db.session.add(row)
    return row


def _note_person_shown(person, _context) -> None:
    """Every person loaded while a page is built is a person the page may show."""
    if has_request_context():
        g.setdefault("people_shown", set()).add(person.id)


def _page_row(response, audited: bool):
    """The audit row of a page that showed people and audited nothing itself: which page,
    which people (the first 50), for whom."""
    shown = g.pop("people_shown", None)
    if (not shown or audited or request.method not in ("GET", "HEAD")
            or not current_user.is_authenticated or response.status_code >= 400):
        return None
    people = sorted(shown)
    return AuditLog(
        at=utcnow(), user_id=current_user.id, ip_address=request.remote_addr, action="view",
        object_type="page", person_id=people[0] if len(people) == 1 else None,
        detail={"page": request.endpoint, "path": request.path[:200],
                "people": people[:50], "count": len(people)},
    )


def init_audit(app: Flask) -> None:
    init_chain()
    if not event.contains(Person, "load", _note_person_shown):
        event.listen(Person, "load", _note_person_shown)

    @app.after_request
    def write_deferred_audit(response):
        rows = g.pop("deferred_audit", None)
        page = _page_row(response, audited=bool(rows))
        if page is not None:
            rows = [page]
        kept = g.pop("kept_audit", [])
        if kept and request.method not in ("GET", "HEAD"):
            _keep_with_change(app, kept, response.status_code)
            kept = []
        # A refused page (4xx/5xx) showed nothing: like a refused change, it leaves no row;
        # but the look-ups it made are kept (audit_kept).
        rows = [*(rows or [] if response.status_code < 400 else []), *kept]
        if rows and not write_aside(
                lambda session: session.add_all(rows)):
            later.put(app, rows)
        return response


def _keep_with_change(app: Flask, rows: list[AuditLog], status: int) -> None:
    """The look-ups of a form that was sent: saved with its change; when the form was refused,
    alone, once its change is rolled back (the request holds the write lock until then)."""
    if status < 400:
        db.session.add_all(rows)
        return
    try:
        db.session.rollback()
        db.session.add_all(rows)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        later.put(app, rows)


class LaterWriter:
    """Audit rows that could not be written at once, written by one thread per process as
    soon as the lock is free (each try waits the full busy timeout), in the order they came."""

    RETRIES = 30

    def __init__(self):
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def put(self, app: Flask, rows: list[AuditLog]) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="audit-later",
                                                daemon=True)
                self._thread.start()
        self._queue.put((app, rows))

    def _run(self) -> None:
        while True:
            app, rows = self._queue.get()
            try:
                self._write(app, rows)
            finally:
                self._queue.task_done()

    def _write(self, app: Flask, rows: list[AuditLog]) -> None:
        for attempt in range(self.RETRIES):
            with app.app_context():
                try:
                    db.session.add_all(rows)
                    db.session.commit()
                    return
                except SQLAlchemyError as error:
                    db.session.rollback()
                    app.logger.warning("audit rows not written yet (%s): %s", attempt, error)
                finally:
                    db.session.remove()
            time.sleep(min(2 ** attempt, 30))
        app.logger.error("audit rows lost after %s tries: %s", self.RETRIES,
                         [(r.action, r.object_type, r.object_id, r.user_id) for r in rows])

    def wait(self, timeout: float = 10.0) -> bool:
        """Wait until every row handed over is written (tests, and a worker that stops)."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True


later = LaterWriter()
atexit.register(later.wait)
