"""Personal access tokens for the JSON API: named, scoped, expiring, revocable; only a hash
of the secret is kept (the secret is shown once, when the token is created)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from .types import check_in
from .users import User

TOKEN_SCOPES = ("read", "write")


class ApiToken(db.Model):
    __tablename__ = "api_token"
    __table_args__ = (check_in("scope", TOKEN_SCOPES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    scope: Mapped[str] = mapped_column(String(8))
    # SHA-256 of the secret: the secret is 32 random bytes, so a slow hash adds nothing.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the secret, so that its owner can tell their tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def can_write(self) -> bool:
        return self.scope == "write"

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at
