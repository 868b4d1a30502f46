"""Attached files through the person's life at the desk: the access export carries them,
erasure and retention remove them (bytes included), a backup copies them and a restore checks
every hash before it puts anything back."""

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.attachments.services import attach_file
from desk.extensions import db
from desk.models.attachments import Attachment
from desk.models.cases import Case
from desk.ops.backup import BackupError, backup, restore
from desk.privacy.erasure import pseudonymise_person
from desk.privacy.retention import apply_retention

from . import attachment_files as files
from .casework import build_world
from .conftest import PG_URL

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite backup; PostgreSQL uses pg_dump")


@pytest.fixture
def store(app, tmp_path) -> Path:
    root = tmp_path / "attachments"
    app.config["ATTACHMENT_DIR"] = str(root)
    return root


def _stored(root: Path) -> set[str]:
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _closed_case_with_files(make, w, now):
    """A closed case of Yusuf with a permit scan (all) and a legal opinion (legal only)."""
    case = w.case
    scan = attach_file(w.users["desk"], case, filename="permesso.pdf", data=files.pdf(),
                       kind="permit")
    opinion = attach_file(w.users["legal"], case, filename="parere.png", data=files.png(),
                          kind="letter", visibility="team", team_id=w.team("legal").id)
    case.status, case.closed_at, case.closing_outcome = "closed", now, "needs_met"
    db.session.commit()
    return scan, opinion


def test_the_access_export_lists_the_files_and_its_archive_carries_them(
        make, auth, client, store, now):
    w = build_world(make)
    scan, opinion = _closed_case_with_files(make, w, now)
    auth.login(w.email("supervisor"))
    person_id = w.case.person_id
    data = json.loads(client.get(f"/privacy/people/{person_id}/export.json").data)
    assert [(f["filename"], f["sha256"]) for f in data["attachments"]] == [
        ("permesso.pdf", scan.sha256)]
    # The legal team's confidential file is counted, never shown, to a supervisor.
    assert len(data["withheld_confidential_attachments"]) == 1
    archive = zipfile.ZipFile(io.BytesIO(client.get(
        f"/privacy/people/{person_id}/export.zip").data))
    assert archive.read(f"files/{scan.id}-permesso.pdf") == files.pdf()
    assert f"person-{person_id}.json" in archive.namelist()
    assert not any("parere" in name for name in archive.namelist())


def test_erasure_removes_the_files_and_their_bytes(make, store, now):
    w = build_world(make)
    _closed_case_with_files(make, w, now)
    assert len(_stored(store)) == 2
    counts = pseudonymise_person(w.users["supervisor"], w.case.person)
    assert counts["attachments"] == 2
    assert len(_stored(store)) == 2  # not before the erasure is committed
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert _stored(store) == set()


def test_a_rolled_back_erasure_keeps_the_files(make, store, now):
    w = build_world(make)
    _closed_case_with_files(make, w, now)
    pseudonymise_person(w.users["supervisor"], w.case.person)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 2
    assert len(_stored(store)) == 2


def test_content_shared_with_another_person_stays_when_one_is_erased(make, store, now):
    w = build_world(make)
    _closed_case_with_files(make, w, now)
    other = make.case(site=w.site, referrals=("legal",))
    attach_file(w.users["desk"], other, filename="stesso.pdf", data=files.pdf(), kind="other")
    db.session.commit()
    pseudonymise_person(w.users["supervisor"], w.case.person)
    db.session.commit()
    assert _stored(store) == {db.session.scalars(select(Attachment.sha256)).one()}


def test_retention_removes_the_files_of_people_due(make, store, now):
    w = build_world(make)
    _closed_case_with_files(make, w, now)
    person = w.case.person
    long_ago = now - timedelta(days=365 * 11)
    person.created_at = long_ago
    db.session.execute(Case.__table__.update().values(closed_at=long_ago, opened_at=long_ago))
    db.session.commit()
    done, _held = apply_retention(now)
    db.session.commit()
    assert [d.person.id for d in done] == [person.id]
    assert _stored(store) == set()


@sqlite_only
def test_backup_copies_the_files_and_restore_checks_every_hash(app, make, store, now,
                                                               tmp_path):
    w = build_world(make)
    scan, opinion = _closed_case_with_files(make, w, now)
    copy = tmp_path / "copy.sqlite"
    report = backup(copy)
    assert "2 attached files" in report
    assert _stored(copy.with_name("copy.sqlite.files")) == {scan.sha256, opinion.sha256}

    for path in store.rglob("*"):
        if path.is_file():
            path.unlink()
    report = restore(copy, force=True)
    assert "2 attached files checked and restored" in report
    assert _stored(store) == {scan.sha256, opinion.sha256}

    altered = copy.with_name("copy.sqlite.files") / scan.sha256[:2] / scan.sha256
    altered.write_bytes(b"%PDF-1.4 altered %%EOF")
    (store / scan.sha256[:2] / scan.sha256).unlink()
    with pytest.raises(BackupError, match="does not match its hash"):
        restore(copy, force=True)
    assert scan.sha256 not in _stored(store)  # nothing was put back


@sqlite_only
def test_backup_refuses_when_a_live_file_is_damaged(make, store, now, tmp_path):
    w = build_world(make)
    scan, _opinion = _closed_case_with_files(make, w, now)
    (store / scan.sha256[:2] / scan.sha256).write_bytes(b"changed")
    with pytest.raises(BackupError, match="does not match its hash"):
        backup(tmp_path / "copy.sqlite")
    assert not (tmp_path / "copy.sqlite").exists()
