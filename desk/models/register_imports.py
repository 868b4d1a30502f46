"""What a site remembers of its last import of an existing register: how the columns of its
spreadsheet map onto the fields of a person, so that the next file is mapped the same way."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from ..common.clock import utcnow
from ..extensions import db


class RegisterMapping(db.Model):
    __tablename__ = "register_mapping"

    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"),
                                         primary_key=True)
    # {field of a person: header of the file's column}
    columns: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
