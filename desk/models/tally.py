"""The dashboard's running tally of what arrives at the desk, per site and day.

Counting the accesses of a period and their needs from the raw rows means reading every
access, need and person of the period on each view; the tally holds the same counts already
added up per site and calendar day (UTC), kept right by desk/supervision/tally.py in the
transaction that changes an access, its needs or a person's nationality or language.
"""

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import check_in

# What `count` counts for each dimension: accesses by channel; needs expressed by need code,
# by the person's nationality and by the language (the one used at the access, else the
# person's preferred one). An access with three needs counts once per need.
DIMENSIONS = ("channel", "need", "nationality", "language")
# `code` of the rows whose nationality or language was not recorded (a key cannot be NULL).
NOT_RECORDED = ""


class AccessTally(db.Model):
    __tablename__ = "access_tally"
    __table_args__ = (check_in("dimension", DIMENSIONS),)

    site_id: Mapped[int] = mapped_column(
        ForeignKey("site.id", ondelete="CASCADE"), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


# --- the dashboard's other figures -------------------------------------------------------------

# What each figure of FigureTally counts (desk/supervision/figure_tally.py says how):
#   case         cases not closed, per site and status (k1)
#   permit       residence documents not replaced that expire, per site and expiry day
#   caseload     open referrals per team, status (k1) and worker (k2); amount: with a due date
#   created      the same, per day they were made
#   due          the same, per due day
#   declined     referrals declined, per team, day declined and reason (k1)
#   appointment  appointments per team, day, outcome (k1) and interpreter language (k2);
#                amount: their minutes
#   interpreter  interpreter requests per team of the appointment, day, language (k1) and
#                state (k2: "requested", "confirmed" (a mediator accepted) or both with
#                "declined")
#   reached      referrals accepted (k1 "accepted") or completed (k1 "completed") per team
#                and day reached; amount: the minutes from referral to that day's stage,
#                summed (what the cached medians are kept under: supervision/metrics.py)
FIGURES = ("case", "permit", "caseload", "created", "due", "declined", "appointment",
           "interpreter", "reached")
# `day` of the figures counted without a day, and `team_id` of those without a team.
NO_DAY = date(1, 1, 1)
NO_TEAM = 0


class FigureTally(db.Model):
    """Counts kept in the same transaction as the rows they count, so the dashboard reads a
    few hundred rows whatever the size of the database. Keys that are not recorded are ''."""

    __tablename__ = "figure_tally"
    __table_args__ = (check_in("figure", FIGURES),)

    figure: Mapped[str] = mapped_column(String(16), primary_key=True)
    site_id: Mapped[int] = mapped_column(
        ForeignKey("site.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(primary_key=True)
    k1: Mapped[str] = mapped_column(String(32), primary_key=True)
    k2: Mapped[str] = mapped_column(String(32), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    amount: Mapped[int] = mapped_column(default=0)
