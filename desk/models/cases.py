"""Accesses at the counter, the case (care process) and the referrals to teams."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import (
    ACCESS_OUTCOMES,
    CASE_OUTCOMES,
    CASE_STATUSES,
    CHANNELS,
    DECLINE_REASONS,
    PRIORITIES,
    REFERRAL_OUTCOMES,
    REFERRAL_REASONS,
    REFERRAL_STATUSES,
    URGENCIES,
)
from .people import Person
from .sites import Site, Team
from .types import check_in
from .users import User

OPEN_CASE = text("status <> 'closed'")
# Declined referrals not yet routed again. The desk's list also leaves out the declined
# interpreter requests (the booking team sees them on the appointment), by a condition no
# index answers (counter.queries): with `appointment_id IS NULL` here and in the query, SQLite
# read the unique index on appointment_id instead, all of it.
DECLINED_WAITING = text("status = 'declined' AND rerouted_at IS NULL")
# Open referrals: a team's queue. The partial index of the queue names them as literals, and
# so does the query (policy.rules.team_referrals): SQLite uses a partial index only for a
# query that names its condition's values, not bound parameters.
OPEN_STATUSES = ("pending", "accepted")
OPEN_QUEUE = text("status IN (" + ", ".join(f"'{status}'" for status in OPEN_STATUSES) + ")")


class Case(db.Model):
    __tablename__ = "case_file"  # "case" is a reserved word in SQL
    __table_args__ = (
        check_in("status", CASE_STATUSES),
        check_in("closing_outcome", CASE_OUTCOMES, nullable=True),
        # A person has at most one case that is not closed per site.
        Index(
            "uq_case_file_one_open_per_person_site",
            "person_id",
            "site_id",
            unique=True,
            sqlite_where=OPEN_CASE,
            postgresql_where=OPEN_CASE,
        ),
        Index("ix_case_file_site_status", "site_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    closing_outcome: Mapped[str | None] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(default=1)

    person: Mapped[Person] = relationship()
    site: Mapped[Site] = relationship()
    manager: Mapped[User | None] = relationship()
    referrals: Mapped[list["Referral"]] = relationship(
        back_populates="case", order_by="Referral.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def reference(self) -> str:
        return f"{self.site.code}-{self.id:06d}"

    def __repr__(self) -> str:
        return f"<Case {self.id} {self.status}>"


class Access(db.Model):
    """One contact of a person with the desk."""

    __tablename__ = "access"
    __table_args__ = (
        check_in("channel", CHANNELS),
        check_in("urgency", URGENCIES),
        check_in("outcome", ACCESS_OUTCOMES, nullable=True),
        Index("ix_access_site_time", "site_id", "occurred_at"),
        Index("ix_access_person_time", "person_id", "occurred_at"),
        # A form token makes a double submission of the same intake harmless.
        UniqueConstraint("form_token"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_file.id", ondelete="RESTRICT"), index=True
    )
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    channel: Mapped[str] = mapped_column(String(24))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    language_used: Mapped[str | None] = mapped_column(String(8))
    mediator_present: Mapped[bool] = mapped_column(default=False)
    urgency: Mapped[str] = mapped_column(String(16), default="normal")
    description: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(24))
    form_token: Mapped[str | None] = mapped_column(String(64))

    person: Mapped[Person] = relationship()
    site: Mapped[Site] = relationship()
    case: Mapped[Case | None] = relationship()
    operator: Mapped[User | None] = relationship()
    need_rows: Mapped[list["AccessNeed"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def needs(self) -> list[str]:
        return [row.need for row in self.need_rows]


class AccessNeed(db.Model):
    __tablename__ = "access_need"

    access_id: Mapped[int] = mapped_column(
        ForeignKey("access.id", ondelete="CASCADE"), primary_key=True
    )
    need: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class Referral(db.Model):
    """A case sent to one team: pending -> accepted -> completed, or declined back to the desk."""

    __tablename__ = "referral"
    __table_args__ = (
        check_in("status", REFERRAL_STATUSES),
        check_in("priority", PRIORITIES),
        check_in("reason", REFERRAL_REASONS),
        check_in("decline_reason", DECLINE_REASONS, nullable=True),
        check_in("outcome", REFERRAL_OUTCOMES, nullable=True),
        # The team queue: a team's open referrals in due-date and priority order, read from
        # the index alone (the id too: PostgreSQL indexes do not carry the key) until the
        # page of 50 is known.
        Index("ix_referral_queue", "team_id", "status", "due_date", "priority", "id"),
        # The same queue walked in due-date order, open referrals only: the first page is
        # the first 50 entries of the team (sorted by priority within each day as they come),
        # not a sort of every open referral of the team (70,000 in the 1,000,000-people
        # benchmark: 14 ms on PostgreSQL).
        Index("ix_referral_open_queue", "team_id", "due_date", "priority", "id", "status",
              sqlite_where=OPEN_QUEUE, postgresql_where=OPEN_QUEUE),
        # The desk's list of declined referrals still to route again (few, oldest first).
        Index("ix_referral_declined_waiting", "declined_at", sqlite_where=DECLINED_WAITING,
              postgresql_where=DECLINED_WAITING),
        Index("ix_referral_assignee", "assignee_id", "status"),
        # Supervision: referrals accepted, completed or declined within a period, per team
        # (with the day they were made, so the median waits are read from the index alone).
        Index("ix_referral_team_accepted", "team_id", "accepted_at", "created_at"),
        Index("ix_referral_team_completed", "team_id", "completed_at", "created_at"),
        Index("ix_referral_team_declined", "team_id", "declined_at"),
        # Supervision: open referrals per team and worker, their age and lateness, counted
        # from the index alone and in its order.
        Index("ix_referral_caseload", "team_id", "status", "assignee_id", "created_at",
              "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(String(32))
    reason_text: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    declined_at: Mapped[datetime | None]
    decline_reason: Mapped[str | None] = mapped_column(String(32))
    decline_text: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(32))
    # Set when the desk has re-routed a declined referral, so it leaves the desk's list.
    rerouted_at: Mapped[datetime | None]
    # Set on an interpreter request (cases/interpreting.py): the appointment the mediation
    # team is asked to interpret at; one request per appointment. (use_alter: appointment
    # points back at referral.)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="RESTRICT", use_alter=True), unique=True)
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship(back_populates="referrals")
    team: Mapped[Team] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    appointment: Mapped["Appointment | None"] = relationship(  # noqa: F821 (plan_models)
        foreign_keys=[appointment_id], back_populates="interpreter_request")
    need_rows: Mapped[list["ReferralNeed"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def needs(self) -> list[str]:
        return [row.need for row in self.need_rows]

    @property
    def is_open(self) -> bool:
        return self.status in ("pending", "accepted")

    @property
    def is_interpreter_request(self) -> bool:
        return self.appointment_id is not None

    @property
    def interpreter_language(self) -> str | None:
        """The language asked for, on an interpreter request."""
        return self.appointment.interpreter_language if self.appointment_id else None


class ReferralNeed(db.Model):
    __tablename__ = "referral_need"

    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), primary_key=True
    )
    need: Mapped[str] = mapped_column(String(32), primary_key=True)
