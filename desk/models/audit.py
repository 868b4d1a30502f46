"""The audit log: who viewed or changed what, when, from where. Append-only."""

from datetime import datetime

from sqlalchemy import DDL, JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from ..common.clock import utcnow
from ..extensions import db


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_object", "object_type", "object_id", "at"),
        Index("ix_audit_log_user_time", "user_id", "at"),
        Index("ix_audit_log_time", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))  # view, create, update, export, print, login...
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[int | None]
    # The person concerned, so "who accessed this person's record" is one indexed query.
    person_id: Mapped[int | None] = mapped_column(index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    # The hash chain (desk/audit/chain.py): the row's place, and HMAC(key, previous hash and
    # this row's content). A row changed, removed or slipped in breaks the chain there.
    seq: Mapped[int | None] = mapped_column(unique=True)
    row_hash: Mapped[str | None] = mapped_column(String(64))


# Append-only in the database itself: whatever the application (or a slip in a future
# migration) does, UPDATE and DELETE on audit_log are refused. TRUNCATE is not a row
# operation and stays possible for a database owner (the test suite empties tables with it).
# The migration 2026-11-27_7c2e5a1f9b3d installs the same triggers; db.create_all() gets
# them from these listeners. A batch ("move and copy") migration of audit_log on SQLite drops
# the triggers with the old table: such a migration must create them again.
APPEND_ONLY_MESSAGE = "audit log is append-only"

SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    for verb in ("UPDATE", "DELETE")
)

POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; "
    "END $$"
)
POSTGRES_TRIGGER = (
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()"
)

for _statement in SQLITE_TRIGGERS:
    event.listen(AuditLog.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in (POSTGRES_FUNCTION, POSTGRES_TRIGGER):
    event.listen(
        AuditLog.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql")
    )


class AuditChain(db.Model):
    """The head of the audit log's hash chain (one row): the last sequence number and hash.
    Writing an audit row updates it in the same transaction, so concurrent writers queue on
    this row and the chain never forks (desk/audit/chain.py)."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    # Rows written before the chain began (not verifiable; counted, so none can be added).
    legacy_rows: Mapped[int] = mapped_column(default=0)


event.listen(AuditChain.__table__, "after_create",
             DDL("INSERT INTO audit_chain (id, seq, last_hash, legacy_rows) VALUES (1, 0, '', 0)"))
