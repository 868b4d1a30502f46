"""The audit log's hash chain: tamper evidence for a log that is append-only.

Each row gets the next sequence number and a hash: HMAC-SHA256, with a key kept outside the
database (AUDIT_KEY), of the previous row's hash and of this row's content. A row changed, a
row removed (the triggers dropped on a copy) or a row inserted around the application (a
back-dated INSERT) breaks the chain at that row; without the key nobody can mend it.
`flask desk audit-verify` walks the chain and names the first broken row; the backup command
runs it too. Rows written before the chain began are counted, so none can be added among them.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app
from sqlalchemy import bindparam, event, func, select, update
from sqlalchemy.orm import Session

from ..common.clock import utcnow
from ..extensions import db
from ..models.audit import AuditChain, AuditLog


def _content(row: AuditLog) -> str:
    return json.dumps([row.seq, row.at.isoformat(timespec="microseconds"), row.user_id,
                       row.ip_address, row.action, row.object_type, row.object_id,
                       row.person_id, row.detail or {}],
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def digest(key: str, previous: str, row: AuditLog) -> str:
    message = (previous + "\n" + _content(row)).encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


@lru_cache(maxsize=1)
def _chain_statements():
    """The two statements that move the head of the chain, on the table itself: built once,
    and run as plain statements, without the ORM's bulk-update machinery (a third of the
    deferred audit write of a page, issue 21)."""
    chain = AuditChain.__table__
    advance = (update(chain).where(chain.c.id == 1).values(seq=chain.c.seq + bindparam("rows"))
               .returning(chain.c.seq, chain.c.last_hash))
    settle = update(chain).where(chain.c.id == 1).values(last_hash=bindparam("head_hash"))
    return advance, settle


def _seal_new_rows(session: Session, _context, _instances) -> None:
    """Before a flush that writes audit rows: give each its place and hash, and move the head
    of the chain (a row lock that makes concurrent writers take their turn)."""
    new = [obj for obj in session.new if isinstance(obj, AuditLog)]
    if not new:
        return
    key = current_app.config["AUDIT_KEY"]
    advance, settle = _chain_statements()
    connection = session.connection()
    head = connection.execute(advance, {"rows": len(new)}).one()
    seq, previous = head.seq - len(new), head.last_hash
    for row in new:
        seq += 1
        row.seq = seq
        row.at = row.at or utcnow()
        row.detail = row.detail or {}
        row.row_hash = previous = digest(key, previous, row)
    connection.execute(settle, {"head_hash": previous})


def init_chain() -> None:
    if not event.contains(Session, "before_flush", _seal_new_rows):
        event.listen(Session, "before_flush", _seal_new_rows)


@dataclass
class Verdict:
    rows: int
    legacy: int
    broken_at: int | None = None  # the audit_log id of the first broken row
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None and not self.reason


def verify(batch: int = 5000) -> Verdict:
    """Walk the chain in order; the first row whose place or hash is wrong ends the walk."""
    key = current_app.config["AUDIT_KEY"]
    head = db.session.get(AuditChain, 1)
    if head is None:
        return Verdict(0, 0, reason="the audit chain's head is missing")
    legacy = db.session.scalar(select(func.count()).select_from(AuditLog)
                               .where(AuditLog.seq.is_(None)))
    if legacy != head.legacy_rows:
        stray = db.session.scalar(select(func.max(AuditLog.id)).where(AuditLog.seq.is_(None)))
        return Verdict(0, legacy, broken_at=stray,
                       reason=f"{legacy - head.legacy_rows} row(s) outside the chain")
    previous, expected, checked, last_seq = "", 1, 0, 0
    while True:
        rows = db.session.scalars(select(AuditLog).where(AuditLog.seq >= expected)
                                  .order_by(AuditLog.seq).limit(batch)).all()
        for row in rows:
            if row.seq != expected:
                return Verdict(checked, legacy, broken_at=row.id,
                               reason=f"row {expected} of the chain is missing")
            if not hmac.compare_digest(row.row_hash or "", digest(key, previous, row)):
                return Verdict(checked, legacy, broken_at=row.id,
                               reason="its content or place does not match its hash")
            previous, expected, checked, last_seq = row.row_hash, expected + 1, checked + 1, row.seq
        db.session.expunge_all()
        if len(rows) < batch:
            break
    if last_seq != head.seq or previous != head.last_hash:
        return Verdict(checked, legacy, reason="the chain ends before its head: rows were removed")
    return Verdict(checked, legacy)
