"""What is local in a procedure sheet, and when the sheets were last reviewed.

The regional text of a sheet is code (desk/vocab/procedures.py). Here: the review of each
sheet's regional text (`ProcedureSheet`), and per territory (`Site.province`) the review of its
local parts and, per step, the office of the territory's directory that the person goes to,
a local note and the typical waiting there (`ProcedureLocal`, `ProcedureLocalStep`)."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.procedures import BY_CODE
from .directory import Service
from .types import check_in
from .users import User

REVIEW_MONTHS = 6


def review_due(reviewed_on: date | None, today: date) -> bool:
    """Never reviewed, or not reviewed for six months."""
    if reviewed_on is None:
        return True
    month = reviewed_on.month - 1 + REVIEW_MONTHS
    year, month = reviewed_on.year + month // 12, month % 12 + 1
    for day in range(reviewed_on.day, 0, -1):
        try:
            return today >= date(year, month, day)
        except ValueError:
            continue
    return True


class ProcedureSheet(db.Model):
    """The review of one sheet's regional text."""

    __tablename__ = "procedure_sheet"
    __table_args__ = (check_in("code", BY_CODE),)

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    reviewed_on: Mapped[date | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    reviewed_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ProcedureLocal(db.Model):
    """A territory's local parts of one sheet, and their review."""

    __tablename__ = "procedure_local"
    __table_args__ = (
        check_in("sheet", BY_CODE),
        UniqueConstraint("province", "sheet", name="uq_procedure_local_province_sheet"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province: Mapped[str] = mapped_column(String(2), index=True)
    sheet: Mapped[str] = mapped_column(String(32))
    reviewed_on: Mapped[date | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    reviewed_by: Mapped[User | None] = relationship()
    steps: Mapped[list["ProcedureLocalStep"]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    def step(self, code: str):
        return next((row for row in self.steps if row.step == code), None)


class ProcedureLocalStep(db.Model):
    """One step's local parts: the office, a note (in Italian, as the desk writes it), the
    typical waiting."""

    __tablename__ = "procedure_local_step"
    __table_args__ = (
        CheckConstraint("waiting_days IS NULL OR (waiting_days >= 0 AND waiting_days <= 730)",
                        name="waiting_days_valid"),
    )

    local_id: Mapped[int] = mapped_column(ForeignKey("procedure_local.id", ondelete="CASCADE"),
                                          primary_key=True)
    step: Mapped[str] = mapped_column(String(32), primary_key=True)
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    waiting_days: Mapped[int | None]

    service: Mapped[Service | None] = relationship()
