"""Territories, the sites (desks) in them and the teams that work at them, as the
territory's administrator configures them: team names per locale, the needs that route to a
team, its service levels. Nothing here is deleted once records point to it: it is retired."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.i18n import current_locale
from ..extensions import db
from ..vocab.codes import PRIORITIES, TEAM_KINDS, label
from ..vocab.routing import NEED_TEAMS
from .types import check_in


class Territory(db.Model):
    """A province (`code` is the province's two-letter code, `Site.province`)."""

    __tablename__ = "territory"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(120))
    retired_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Territory {self.code}>"


class Site(db.Model):
    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(2))
    territory: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Rome")
    # What the prints a person takes home say about the desk (free text, as the desk writes it).
    address: Mapped[str | None] = mapped_column(String(240))
    phone: Mapped[str | None] = mapped_column(String(40))
    opening_hours: Mapped[str | None] = mapped_column(String(240))
    # Whether prints may come out in a language whose catalogue no native speaker has reviewed
    # (desk.common.print_languages.PRINT_CATALOGUES); off: such people get Italian + English.
    unreviewed_prints: Mapped[bool] = mapped_column(default=True, server_default=true())
    retired_at: Mapped[datetime | None]

    teams: Mapped[list["Team"]] = relationship(back_populates="site", order_by="Team.id")

    def __repr__(self) -> str:
        return f"<Site {self.code}>"


class Team(db.Model):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("site_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"), index=True)
    # One of vocab.TEAM_KINDS for the four dimensions; a site may add its own kinds.
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    retired_at: Mapped[datetime | None]

    site: Mapped[Site] = relationship(back_populates="teams")
    # Loaded on first use; the intake reads them for all of a site's teams at once
    # (counter.routing.SiteRouting.of_site), the hourly scan never needs them.
    label_rows: Mapped[list["TeamLabel"]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="TeamLabel.locale")
    need_rows: Mapped[list["TeamNeed"]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="TeamNeed.need")
    service_levels: Mapped[list["ServiceLevel"]] = relationship(
        back_populates="team", cascade="all, delete-orphan")

    @property
    def labels(self) -> dict[str, str]:
        return {row.locale: row.name for row in self.label_rows}

    @property
    def label(self) -> str:
        """The name in the reader's locale: the desk's own label for that locale, else the
        catalogue's label of one of the four kinds, else its Italian, English or plain name."""
        labels = self.labels
        locale = str(current_locale() or "it")
        if locale in labels:
            return labels[locale]
        if self.kind in TEAM_KINDS:
            return label(TEAM_KINDS, self.kind)
        return labels.get("it") or labels.get("en") or self.name

    @property
    def configured_needs(self) -> list[str]:
        return [row.need for row in self.need_rows]

    @property
    def routed_needs(self) -> list[str]:
        """The needs that route to this team: as configured, else the built-in routing's."""
        return self.configured_needs or [need for need, kinds in NEED_TEAMS.items()
                                         if self.kind in kinds]

    def due_days(self, priority: str) -> int | None:
        """The days this team has for a referral of this priority, if the desk set them."""
        return next((row.days for row in self.service_levels if row.priority == priority), None)

    def __repr__(self) -> str:
        return f"<Team {self.kind}@{self.site_id}>"


class TeamLabel(db.Model):
    """A team's name in one UI locale, as the desk writes it."""

    __tablename__ = "team_label"
    __table_args__ = (UniqueConstraint("team_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(120))

    team: Mapped[Team] = relationship(back_populates="label_rows")


class TeamNeed(db.Model):
    """A need that routes to this team (none configured: the built-in routing applies)."""

    __tablename__ = "team_need"
    __table_args__ = (UniqueConstraint("team_id", "need"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    # A code of NEEDS or a territory's local need (models.vocabulary).
    need: Mapped[str] = mapped_column(String(32))

    team: Mapped[Team] = relationship(back_populates="need_rows")


class ServiceLevel(db.Model):
    """Days a team has to answer a referral of one priority (none: REFERRAL_DUE_DAYS)."""

    __tablename__ = "service_level"
    __table_args__ = (
        UniqueConstraint("team_id", "priority"),
        check_in("priority", PRIORITIES),
        CheckConstraint("days >= 0 AND days <= 365", name="days_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    priority: Mapped[str] = mapped_column(String(16))
    days: Mapped[int]

    team: Mapped[Team] = relationship(back_populates="service_levels")

