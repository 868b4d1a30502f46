"""Access that waits for a second person: a grant of a role that sees case content.

An administrator who gives an account a content role (desk, team, supervisor), a site or a
team in which that role sees cases, writes a pending grant; another administrator or a
supervisor of the sites concerned approves or refuses it. Nobody decides on a grant they
asked for or that is about their own account.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from .types import check_in
from .users import User

GRANT_STATUSES = ("pending", "approved", "refused", "withdrawn")


class AccessGrant(db.Model):
    __tablename__ = "access_grant"
    __table_args__ = (
        check_in("status", GRANT_STATUSES),
        Index("ix_access_grant_status_user", "status", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # The access asked for, whole: {"roles": [...], "site_ids": [...], "team_ids": [...]}.
    requested: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
