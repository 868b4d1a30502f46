"""Referrals from a case to a service outside the desk, the person's consent to share with
that organisation, and the partner accounts of the organisations."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import EXTERNAL_OUTCOMES, EXTERNAL_STATUSES, PRIORITIES, REFERRAL_REASONS
from .cases import Case
from .directory import Organisation, Service
from .types import check_in
from .users import User


class OrganisationConsent(db.Model):
    """The person agreed that the desk shares the referral's data with this organisation
    (told in `language`). Withdrawn consents stay, with the time of withdrawal."""

    __tablename__ = "organisation_consent"
    __table_args__ = (Index("ix_organisation_consent_person_org", "person_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"))
    language: Mapped[str] = mapped_column(String(8))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()


class ExternalReferral(db.Model):
    """Case -> outside service: sent -> acknowledged -> closed (with an outcome)."""

    __tablename__ = "external_referral"
    __table_args__ = (
        check_in("status", EXTERNAL_STATUSES),
        check_in("reason", REFERRAL_REASONS),
        check_in("urgency", PRIORITIES),
        check_in("outcome", EXTERNAL_OUTCOMES, nullable=True),
        Index("ix_external_referral_org_status", "organisation_id", "status"),
        Index("ix_external_referral_follow_up", "status", "follow_up_on"),
        Index("ix_external_referral_case", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"))
    # The service's organisation when sent: what a partner account sees is decided by it.
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"))
    consent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation_consent.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str] = mapped_column(String(16))
    # What was agreed with the person (goes into the letter: no confidential detail).
    agreed: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="sent")
    outcome: Mapped[str | None] = mapped_column(String(32))
    follow_up_on: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    outcome_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship()
    service: Mapped[Service] = relationship()
    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.status != "closed"


class PartnerMember(db.Model):
    """A partner account belongs to one organisation."""

    __tablename__ = "partner_member"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                         primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)

    organisation: Mapped[Organisation] = relationship()
