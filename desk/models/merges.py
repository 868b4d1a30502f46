"""The tombstone of a merge: two records of one person became one.

The merged record's row is deleted once everything that pointed to it has moved to the
survivor, so no list, search, count or export can show it again. Its id stays here, as a
plain integer (not a foreign key to a row that no longer exists), so that `/people/<old id>`
leads to the survivor and the audit rows written under the old id (append-only, never
rewritten) can still be found from the survivor.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from ..common.clock import utcnow
from ..extensions import db


class PersonMerge(db.Model):
    __tablename__ = "person_merge"
    __table_args__ = (Index("ix_person_merge_survivor", "survivor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The id the merged record had; one record is merged once.
    merged_person_id: Mapped[int] = mapped_column(unique=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    merged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Which record each compared field was taken from: {"phone": "other", ...} ("survivor" or
    # "other"), and how many rows of each table moved: {"access": 3, ...}. Codes, no values.
    fields_taken: Mapped[dict] = mapped_column(JSON, default=dict)
    rows_moved: Mapped[dict] = mapped_column(JSON, default=dict)
