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
