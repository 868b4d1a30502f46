"""The team's training record: trainings held for a site's staff, and who attended."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Numeric, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.training import STREAMS
from .sites import Site
from .types import check_in
from .users import User

training_attendance = Table(
    "training_attendance",
    db.metadata,
    Column("training_id", ForeignKey("training.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Training(db.Model):
    __tablename__ = "training"
    __table_args__ = (
        check_in("stream", STREAMS),
        CheckConstraint("hours > 0 AND hours <= 1000", name="hours_valid"),
        Index("ix_training_site_day", "site_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    stream: Mapped[str] = mapped_column(String(32))
    held_on: Mapped[date]
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 1))
    provider: Mapped[str] = mapped_column(String(160))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    site: Mapped[Site] = relationship()
    attendees: Mapped[list[User]] = relationship(secondary=training_attendance,
                                                 order_by=User.name)
