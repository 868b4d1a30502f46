"""Writing the audit log. Rows are added to the current transaction and never changed."""

from flask import has_request_context, request
from flask_login import current_user

from ..extensions import db
from .models import AuditLog


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
    db.session.add(row)
    return row
