"""Sites (desks) and the teams that work at them."""

from sqlalchemy import ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..vocab.codes import TEAM_KINDS, label


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

    site: Mapped[Site] = relationship(back_populates="teams")

    @property
    def label(self) -> str:

        return label(TEAM_KINDS, self.kind) if self.kind in TEAM_KINDS else self.name

    def __repr__(self) -> str:
        return f"<Team {self.kind}@{self.site_id}>"
