"""The transfer of a case (and of its person's file) from one site to another: asked by the
sending desk with a reason and the person's consent, accepted or refused by a supervisor of the
receiving desk (desk/identity/transfer_services.py)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import TRANSFER_STATUSES
from .cases import Case
from .people import Person
from .sites import Site
from .types import check_in
from .users import User

PENDING = text("status = 'requested'")


class CaseTransfer(db.Model):
    __tablename__ = "case_transfer"
    __table_args__ = (
        check_in("status", TRANSFER_STATUSES),
        CheckConstraint("from_site_id <> to_site_id", name="other_site"),
        # At most one transfer waiting for a decision per case.
        Index("uq_case_transfer_one_pending_per_case", "case_id", unique=True,
              sqlite_where=PENDING, postgresql_where=PENDING),
        Index("ix_case_transfer_to_site_status", "to_site_id", "status"),
        Index("ix_case_transfer_from_site_status", "from_site_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"),
                                         index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"),
                                           index=True)
    from_site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    to_site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text)
    # The person agreed to the transfer (no request is written without it): when, and who at
    # the sending desk recorded it.
    consent_given_at: Mapped[datetime]
    consent_recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="requested")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship()
    person: Mapped[Person] = relationship()
    from_site: Mapped[Site] = relationship(foreign_keys=[from_site_id])
    to_site: Mapped[Site] = relationship(foreign_keys=[to_site_id])
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    consent_recorded_by: Mapped[User | None] = relationship(
        foreign_keys=[consent_recorded_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_pending(self) -> bool:
        return self.status == "requested"

    def __repr__(self) -> str:
        return f"<CaseTransfer {self.id} {self.status}>"
