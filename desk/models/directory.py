"""The territory's service directory: organisations (public services and Third-Sector
bodies) and the services they run, with the needs served, languages and opening hours.

A directory belongs to a territory (a province, `Site.province`) and is shared by every site
of that province."""

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import ACCESS_MODES, NEEDS, SERVICE_KINDS
from .types import check_in


class Organisation(db.Model):
    __tablename__ = "organisation"
    __table_args__ = (
        check_in("kind", SERVICE_KINDS),
        UniqueConstraint("province", "name", name="uq_organisation_province_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province: Mapped[str] = mapped_column(String(2), index=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(16))

    services: Mapped[list["Service"]] = relationship(back_populates="organisation",
                                                     order_by="Service.name")

    def __repr__(self) -> str:
        return f"<Organisation {self.name}>"


class Service(db.Model):
    __tablename__ = "service"
    __table_args__ = (
        check_in("access_mode", ACCESS_MODES),
        UniqueConstraint("organisation_id", "name", name="uq_service_organisation_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    eligibility: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str] = mapped_column(String(240))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(300))
    access_mode: Mapped[str] = mapped_column(String(16))
    # What the person should bring, whom to ask for: printed on the person's sheet.
    what_to_bring: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str | None] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)
    verified_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation] = relationship(back_populates="services")
    need_rows: Mapped[list["ServiceNeed"]] = relationship(cascade="all, delete-orphan")
    language_rows: Mapped[list["ServiceLanguage"]] = relationship(cascade="all, delete-orphan")
    openings: Mapped[list["ServiceOpening"]] = relationship(
        cascade="all, delete-orphan", order_by="(ServiceOpening.weekday, ServiceOpening.opens)")

    __mapper_args__ = {"version_id_col": version}

    @property
    def needs(self) -> list[str]:
        return sorted(row.need for row in self.need_rows)

    @property
    def languages(self) -> list[str]:
        return sorted(row.language for row in self.language_rows)

    def is_open_at(self, weekday: int, moment: time) -> bool:
        return any(o.weekday == weekday and o.opens <= moment < o.closes for o in self.openings)

    def is_stale(self, today: date) -> bool:
        """Not verified for over a year (or never)."""
        return self.verified_on is None or (today - self.verified_on).days > 365

    def __repr__(self) -> str:
        return f"<Service {self.name}>"


class ServiceNeed(db.Model):
    __tablename__ = "service_need"
    __table_args__ = (check_in("need", NEEDS), Index("ix_service_need_need", "need", "service_id"))

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"),
                                            primary_key=True)
    need: Mapped[str] = mapped_column(String(32), primary_key=True)


class ServiceLanguage(db.Model):
    __tablename__ = "service_language"

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"),
                                            primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)


class ServiceOpening(db.Model):
    """One opening slot: weekday (0 = Monday) from `opens` to `closes`."""

    __tablename__ = "service_opening"
    __table_args__ = (
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_valid"),
        CheckConstraint("opens < closes", name="opens_before_closes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"),
                                            index=True)
    weekday: Mapped[int]
    opens: Mapped[time]
    closes: Mapped[time]
