"""Files attached to a person or to one of their cases (permit scans, receipts, letters).

The row holds what the desk needs to show and check the file; the bytes live in the
attachment store (desk.attachments.storage) under their SHA-256, outside the static folder.
A file confidential to a team follows the rule of confidential notes (policy.entry_condition).
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import ATTACHMENT_KINDS, ATTACHMENT_TYPES, VISIBILITIES
from .sites import Team
from .types import check_in
from .users import User


class Attachment(db.Model):
    __tablename__ = "attachment"
    __table_args__ = (
        check_in("kind", ATTACHMENT_KINDS),
        check_in("content_type", ATTACHMENT_TYPES),
        check_in("visibility", VISIBILITIES),
        CheckConstraint("size > 0", "size_positive"),
        Index("ix_attachment_person", "person_id", "created_at"),
        Index("ix_attachment_case", "case_id"),
        Index("ix_attachment_sha256", "sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # None: on the person's record (every case of theirs); else on this case only.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    filename: Mapped[str] = mapped_column(String(160))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    visibility: Mapped[str] = mapped_column(String(8), default="all")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship()
