"""Where attached files live: one small interface, a local folder behind it.

A file is named by the SHA-256 of its bytes, so the same scan attached twice is stored once
and a file can be checked against its name at any time (a restore checks every one). Writes
and removals follow the database transaction: a file is written just before the transaction
that records it commits (a failed write rolls that transaction back), and removed only after
the transaction that stopped needing it has committed.
"""

import hashlib
import os
from pathlib import Path
from typing import Protocol

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

PENDING_WRITES = "attachment_writes"
PENDING_REMOVALS = "attachment_removals"


class StoreError(RuntimeError):
    """A file is missing from the store or its bytes no longer match their hash."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class AttachmentStore(Protocol):
    def put(self, sha256: str, data: bytes) -> None: ...
    def read(self, sha256: str) -> bytes: ...
    def exists(self, sha256: str) -> bool: ...
    def remove(self, sha256: str) -> None: ...


class LocalStore:
    """Files in a folder, two hex digits of fan-out: <root>/ab/abcdef..."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise StoreError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, data: bytes) -> None:
        target = self.path(sha256)
        if target.exists() and self._matches(target, sha256):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)

    def read(self, sha256: str) -> bytes:
        try:
            data = self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise StoreError(f"file {sha256} is missing from the store") from None
        if sha256_of(data) != sha256:
            raise StoreError(f"file {sha256} does not match its hash")
        return data

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def remove(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    @staticmethod
    def _matches(path: Path, sha256: str) -> bool:
        return sha256_of(path.read_bytes()) == sha256


def store() -> AttachmentStore:
    """The configured store (ATTACHMENT_DIR); an S3-compatible one would plug in here."""
    return LocalStore(current_app.config["ATTACHMENT_DIR"])


def write_on_commit(session: Session, sha256: str, data: bytes) -> None:
    session.info.setdefault(PENDING_WRITES, {})[sha256] = data


def remove_after_commit(session: Session, sha256: str) -> None:
    session.info.setdefault(PENDING_REMOVALS, set()).add(sha256)


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    writes = session.info.pop(PENDING_WRITES, None)
    if writes:
        target = store()
        for sha256, data in writes.items():
            target.put(sha256, data)


@event.listens_for(Session, "after_commit")
def _remove_pending(session: Session) -> None:
    removals = session.info.pop(PENDING_REMOVALS, None)
    if removals:
        target = store()
        for sha256 in removals:
            target.remove(sha256)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING_WRITES, None)
    session.info.pop(PENDING_REMOVALS, None)
