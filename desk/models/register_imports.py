"""What a site remembers of its last import of an existing register: how the columns of its
spreadsheet map onto the fields of a person, so that the next file is mapped the same way."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
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


# Where an upload stands: mapped and checked (the dry run), then imported, or left.
UPLOAD_STATES = ("uploaded", "checking", "checked", "importing", "imported", "failed",
                 "abandoned")


class RegisterUpload(db.Model):
    """A register uploaded through the pages, from the upload to the import: the file itself
    waits under instance/ (REGISTER_UPLOAD_DIR) and is removed once imported or left."""

    __tablename__ = "register_upload"
    __table_args__ = (
        CheckConstraint("status IN ({})".format(", ".join(f"'{s}'" for s in UPLOAD_STATES)),
                        name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(120))
    # The stored file's name in REGISTER_UPLOAD_DIR (random; never the uploader's name).
    stored_name: Mapped[str | None] = mapped_column(String(64))
    encoding: Mapped[str] = mapped_column(String(16))
    header: Mapped[list] = mapped_column(JSON, default=list)
    row_count: Mapped[int] = mapped_column(default=0)
    # The operator's language: the reasons of refused rows are written in it.
    locale: Mapped[str] = mapped_column(String(8), default="it")
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="uploaded")
    to_import: Mapped[int] = mapped_column(default=0)
    invalid: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    imported: Mapped[int] = mapped_column(default=0)
    # [[line, reason, is a likely duplicate], ...] and the first rows as they will be stored.
    refusals: Mapped[list] = mapped_column(JSON, default=list)
    preview: Mapped[list] = mapped_column(JSON, default=list)
    # The people the refusals name (likely duplicates), for the audit of the page.
    people_named: Mapped[list] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
