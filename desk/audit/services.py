"""Writing the audit log. Rows are never changed.

A change is audited in the transaction that makes it. A page that is only shown (GET) keeps
its audit rows aside and writes them after its read transaction has ended, in a short
transaction of their own: on SQLite a read transaction that later writes fails with "database
is locked" when another writer committed meanwhile, and taking the write lock for the whole
page would make every audited page wait for every writer.
"""

from flask import Flask, g, has_request_context, request
from flask_login import current_user

from ..extensions import db
from ..models.audit import AuditLog


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
        g.setdefault("deferred_audit", []).append(row)
    else:
        db.session.add(row)
    return row


def init_audit(app: Flask) -> None:
    @app.after_request
    def write_deferred_audit(response):
        rows = g.pop("deferred_audit", None)
        # A refused page (4xx/5xx) showed nothing: like a refused change, it leaves no row.
        if rows and response.status_code < 400:
            db.session.commit()  # end the page's read transaction first
            db.session.add_all(rows)
            db.session.commit()
        return response
