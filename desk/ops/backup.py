"""Backup and restore of the SQLite database with SQLite's online backup API.

The copy is made in one backup step, i.e. inside one read transaction of the source: in WAL
mode writers carry on meanwhile and the copy is the database as of one committed moment.
PostgreSQL is backed up with its own tools (pg_dump / pg_restore, see docs/operations.md).
"""

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from ..extensions import db
from . import backup_files

# Tables whose row counts a backup report shows, as a quick sanity check for the operator.
REPORTED_TABLES = ("person", "case_file", "referral", "timeline_event")


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says what to do instead."""


def sqlite_path() -> Path:
    """The configured database file, or BackupError if the database is not a SQLite file."""
    url = make_url(str(db.engine.url))
    if url.get_backend_name() != "sqlite":
        safe = url.set(password=None).render_as_string(hide_password=False)
        safe = safe.replace("+psycopg", "")
        raise BackupError(
            "The database is PostgreSQL: back it up with pg_dump, e.g.\n"
            f"  pg_dump --format=custom --file backup.dump '{safe}'\n"
            "and restore with pg_restore (see docs/operations.md).")
    if url.database in (None, "", ":memory:"):
        raise BackupError("The database is in memory: there is nothing to back up.")
    return Path(url.database)


def check_database(connection: sqlite3.Connection) -> list[str]:
    """Problems found by SQLite's own checks; an empty list means the file is sound."""
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    problems = [] if problems == ["ok"] else problems
    for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid}: missing {parent}")
    return problems


def _counts(connection: sqlite3.Connection) -> str:
    present = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return ", ".join(
        f"{table} {connection.execute(f'SELECT count(*) FROM {table}').fetchone()[0]}"  # noqa: S608
        for table in REPORTED_TABLES if table in present)


def _copy(source: Path, target: Path) -> None:
    """Copy source to target with the backup API, in a single step (one consistent snapshot)."""
    src = sqlite3.connect(source)
    try:
        src.execute("PRAGMA busy_timeout = 10000")
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA busy_timeout = 10000")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup(path: str | os.PathLike, overwrite: bool = False) -> str:
    """Write a consistent copy of the live database to `path`; returns a one-line report."""
    source = sqlite_path()
    target = Path(path).resolve()
    if target == source.resolve():
        raise BackupError("The backup must go to another file than the database itself.")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists; choose another name or pass --force.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(source, partial)
    copy = sqlite3.connect(partial)
    try:
        # A self-contained single file: no -wal beside it.
        copy.execute("PRAGMA journal_mode = DELETE")
        problems = check_database(copy)
        counts = _counts(copy)
    finally:
        copy.close()
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError("The copy failed SQLite's checks: " + "; ".join(problems[:5]))
    try:
        files = backup_files.copy_out(partial, backup_files.files_dir(target))
    except backup_files.FilesError as problem:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Not backed up: {problem}.") from None
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)
    return (f"Backed up {source} to {target}: integrity ok; {counts}; "
            f"{files} attached files checked and copied to {backup_files.files_dir(target)}.")


def in_use(database: Path) -> bool:
    """Whether another connection (another process: the app) has the database open.

    In WAL mode the -wal and -shm files exist while any connection is open, and the last
    connection to close removes them; so after opening and closing our own connection they
    are still there only if someone else holds the database.
    """
    if not database.exists():
        return False
    probe = sqlite3.connect(database)
    try:
        probe.execute("PRAGMA busy_timeout = 2000")
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        probe.close()
    return any(Path(f"{database}{suffix}").exists() for suffix in ("-wal", "-shm"))


def restore(path: str | os.PathLike, force: bool = False) -> str:
    """Replace the configured database with the backup at `path`; returns a report."""
    backup_file = Path(path).resolve()
    target = sqlite_path()
    if backup_file == target.resolve():
        raise BackupError("The backup file is the database itself.")
    try:
        check = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            problems = check_database(check)
            tables = {row[0] for row in check.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            check.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{backup_file} is not a SQLite database: {error}") from error
    if problems:
        raise BackupError("The backup fails SQLite's checks; not restored: " + "; ".join(problems[:5]))
    if not {"person", "case_file"} <= tables:
        raise BackupError(f"{backup_file} is not a Sportello database.")
    try:
        hashes = backup_files.check(backup_file)
    except backup_files.FilesError as problem:
        raise BackupError(f"Not restored: {problem}.") from None
    db.session.remove()
    db.engine.dispose()  # our own pooled connections must not hold the old pages
    if not force and in_use(target):
        raise BackupError(f"{target} is open in another process (is the application running?). "
                          "Stop it first; --force restores anyway.")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(backup_file, target)
    restored = sqlite3.connect(target)
    try:
        restored.execute("PRAGMA journal_mode = WAL")
        problems = check_database(restored)
        counts = _counts(restored)
    finally:
        restored.close()
    if problems:
        raise BackupError("The restored database fails SQLite's checks: " + "; ".join(problems[:5]))
    files = backup_files.copy_in(backup_file, hashes)
    return (f"Restored {backup_file} into {target}: integrity ok; {counts}; "
            f"{files} attached files checked and restored.")
