"""Appointments, care-plan goals and case conferences."""

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import APPOINTMENT_OUTCOMES, GOAL_STATUSES, TEAM_KINDS
from .sites import Team
from .types import check_in


class Appointment(db.Model):
    __tablename__ = "appointment"
    __table_args__ = (
        check_in("outcome", APPOINTMENT_OUTCOMES, nullable=True),
        Index("ix_appointment_team_time", "team_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(default=30)
    place: Mapped[str | None] = mapped_column(String(200))
    interpreter_language: Mapped[str | None] = mapped_column(String(8))
    outcome: Mapped[str | None] = mapped_column(String(16))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship()
    case: Mapped["Case"] = relationship()  # noqa: F821 (cases.models, same registry)
    # The request to the mediation team when an interpreter was booked (teamwork/interpreter_services.py).
    interpreter_request: Mapped["Referral | None"] = relationship(  # noqa: F821
        foreign_keys="Referral.appointment_id", back_populates="appointment")

    @property
    def interpreter_status(self) -> str | None:
        """A code of INTERPRETER_STATUSES, or None when no interpreter was requested.
        "unconfirmed": the outcome was recorded while the request still waited."""
        request = self.interpreter_request
        if request is None:
            return None
        if request.status == "declined":
            return "declined"
        if request.accepted_at is not None:
            return "confirmed"
        return "waiting" if request.status == "pending" else "unconfirmed"


class CarePlanGoal(db.Model):
    __tablename__ = "care_plan_goal"
    __table_args__ = (
        check_in("dimension", TEAM_KINDS),
        check_in("status", GOAL_STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    dimension: Mapped[str] = mapped_column(String(16))
    goal: Mapped[str] = mapped_column(Text)
    actions: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    review_date: Mapped[date | None]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


conference_team = Table(
    "case_conference_team",
    db.metadata,
    Column("conference_id", ForeignKey("case_conference.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("team.id", ondelete="RESTRICT"), primary_key=True),
)


class CaseConference(db.Model):
    __tablename__ = "case_conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    held_on: Mapped[date]
    decisions: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teams: Mapped[list[Team]] = relationship(secondary=conference_team)
