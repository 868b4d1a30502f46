"""Reading the audit log: filtered queries for the admin search and export, and the list of who
accessed a person's record (for the supervisor's view on the person page)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select

from ..extensions import db
from ..models.audit import AuditLog
from ..models.users import User


@dataclass
class AuditFilters:
    user_id: int | None = None
    person_id: int | None = None
    action: str | None = None
    date_from: date | None = None  # inclusive, UTC day
    date_to: date | None = None  # inclusive, UTC day

    def as_dict(self) -> dict:
        return {key: (value.isoformat() if isinstance(value, date) else value)
                for key, value in self.__dict__.items() if value not in (None, "")}


def audit_query(filters: AuditFilters) -> Select:
    """Rows of the log matching the filters, newest first."""
    stmt = select(AuditLog)
    if filters.user_id:
        stmt = stmt.where(AuditLog.user_id == filters.user_id)
    if filters.person_id:
        stmt = stmt.where(AuditLog.person_id == filters.person_id)
    if filters.action:
        stmt = stmt.where(AuditLog.action == filters.action)
    if filters.date_from:
        stmt = stmt.where(AuditLog.at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        stmt = stmt.where(AuditLog.at < datetime.combine(filters.date_to + timedelta(days=1), time.min))
    return stmt.order_by(AuditLog.at.desc(), AuditLog.id.desc())


def users_by_id(rows) -> dict[int, User]:
    """The users named by these rows, in one query."""
    ids = {row.user_id for row in rows if row.user_id}
    if not ids:
        return {}
    return {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))}


def known_actions() -> list[str]:
    return list(db.session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)))


def person_access_log(person_id: int, limit: int = 100) -> Select:
    """Who viewed or changed this person's record, newest first (for the person page)."""
    return audit_query(AuditFilters(person_id=person_id)).limit(limit)
