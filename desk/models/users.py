"""Users, their roles, sites, teams and languages, and their login sessions."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import BigInteger, Column, ForeignKey, Index, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import ROLES
from .sites import Site, Team
from .types import Encrypted, check_in

user_site = Table(
    "user_site",
    db.metadata,
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", ForeignKey("site.id", ondelete="CASCADE"), primary_key=True),
)

team_membership = Table(
    "team_membership",
    db.metadata,
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
)


# observatory_scope of a coordinator of the whole region (all sites).
REGION = "region"


class UserRole(db.Model):
    __tablename__ = "user_role"
    __table_args__ = (check_in("role", ROLES),)

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


class UserLanguage(db.Model):
    """A language the user speaks (ISO 639 code): mediators are matched on these."""

    __tablename__ = "user_language"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime | None]
    # Two-factor sign-in (TOTP). The secret is set when enrolment starts; enrolment is
    # complete once a first code has been verified (totp_enabled_at).
    totp_secret: Mapped[str | None] = mapped_column(Encrypted())
    totp_enabled_at: Mapped[datetime | None]
    # The last 30-second step whose code was accepted: the same code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # Wrong second-factor codes in a row; reset only by a right one (not by the password).
    second_factor_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    # What a coordinator's observatory covers: a province code (Site.province) or REGION
    # (every site). Read only with the role "coordinator" (policy.rules.observed_site_ids).
    observatory_scope: Mapped[str | None] = mapped_column(String(8))

    # Loaded on demand: the signed-in user gets them with WITH_ACCESS (sessions.load_user);
    # a user shown as an author, actor or assignee needs only a name.
    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan")
    language_rows: Mapped[list[UserLanguage]] = relationship(cascade="all, delete-orphan")
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        cascade="all, delete-orphan", back_populates="user"
    )
    sites: Mapped[list[Site]] = relationship(secondary=user_site)
    teams: Mapped[list[Team]] = relationship(secondary=team_membership)

    # The login session this request runs under (set by the user loader, not stored).
    login_session = None

    @property
    def roles(self) -> set[str]:
        return {row.role for row in self.role_rows}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def languages(self) -> list[str]:
        return sorted(row.language for row in self.language_rows)

    @property
    def site_ids(self) -> set[int]:
        return {site.id for site in self.sites}

    @property
    def team_ids(self) -> set[int]:
        return {team.id for team in self.teams}

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        # Only active users are ever loaded as the signed-in user (sessions.load_user), so
        # this need not read `active` again: after a commit that would reload the row.
        return True

    def get_id(self) -> str:
        # Flask-Login keeps this in the cookie: it names the server-side login session,
        # so that ending the session on the server makes a copied cookie worthless.
        return self.login_session.token if self.login_session else ""

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class LoginSession(db.Model):
    """One signed-in browser. Ended on sign-out, deactivation, idle timeout or age."""

    __tablename__ = "login_session"
    __table_args__ = (UniqueConstraint("token"), Index("ix_login_session_user_open", "user_id", "ended_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    ip_address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(255))
    # When the password was last entered in this session (sign-in or re-authentication):
    # exports, erasure and role changes need this to be recent.
    fresh_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class RecoveryCode(db.Model):
    """A one-time code that replaces the authenticator app once. Only its hash is kept."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="recovery_codes")


def with_access() -> tuple:
    """Loader options for what the access rules read of a user (roles, sites, teams) and the
    languages, joined into the statement that loads the user (a handful of rows: the product
    of four short lists); read the result with .unique()."""
    return (joinedload(User.role_rows), joinedload(User.language_rows),
            joinedload(User.sites), joinedload(User.teams))
