"""The attached files of a backup: copied beside the database copy, into "<backup>.files/",
every one checked against its SHA-256 on the way out and again before a restore.

Only the files the backed-up database names are copied, so the copy is exactly what that
database needs. A restore checks every file first and refuses, restoring nothing, when one is
missing or altered; then it puts them into the configured store.
"""

import sqlite3
from pathlib import Path

from ..attachments.storage import LocalStore, StoreError, sha256_of, store


class FilesError(RuntimeError):
    pass


def files_dir(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + ".files")


def named_hashes(database: Path) -> list[str]:
    """The SHA-256 of every attachment a database file names (none before attachments)."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "attachment" not in tables:
            return []
        return sorted({row[0] for row in connection.execute("SELECT sha256 FROM attachment")})
    finally:
        connection.close()


def copy_out(database_copy: Path, target: Path) -> int:
    """Copy the files named by `database_copy` from the live store; returns how many."""
    hashes = named_hashes(database_copy)
    if not hashes:
        return 0
    source, copy = store(), LocalStore(target)
    for sha256 in hashes:
        try:
            copy.put(sha256, source.read(sha256))
        except StoreError as problem:
            raise FilesError(f"attached file: {problem}") from None
    return len(hashes)


def check(backup_file: Path) -> list[str]:
    """The files a backup needs, each present beside it and matching its hash."""
    hashes = named_hashes(backup_file)
    folder = LocalStore(files_dir(backup_file))
    problems = []
    for sha256 in hashes:
        path = folder.path(sha256)
        if not path.is_file():
            problems.append(f"attached file {sha256} is missing from {files_dir(backup_file)}")
        elif sha256_of(path.read_bytes()) != sha256:
            problems.append(f"attached file {sha256} does not match its hash")
    if problems:
        raise FilesError("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)"
                                                    if len(problems) > 5 else ""))
    return hashes


def copy_in(backup_file: Path, hashes: list[str]) -> int:
    folder, target = LocalStore(files_dir(backup_file)), store()
    for sha256 in hashes:
        target.put(sha256, folder.read(sha256))
    return len(hashes)
