"""The audit log: who viewed or changed what, when, from where. Append-only."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_object", "object_type", "object_id", "at"),
        Index("ix_audit_log_user_time", "user_id", "at"),
        Index("ix_audit_log_time", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))  # view, create, update, export, print, login...
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[int | None]
    # The person concerned, so "who accessed this person's record" is one indexed query.
    person_id: Mapped[int | None] = mapped_column(index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
