"""Attached documents: a permit scan attached by the desk opens for the legal worker and not
for a Cuneo operator; files are checked from their content; bad files store nothing."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.attachments import Attachment
from desk.models.audit import AuditLog
from desk.models.history import TimelineEvent

from . import attachment_files as files
from .casework import build_world


@pytest.fixture
def store(app, tmp_path) -> Path:
    root = tmp_path / "attachments"
    app.config["ATTACHMENT_DIR"] = str(root)
    return root


def _stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def attach(client, case_id, content, name, kind="permit", **fields):
    data = {"file": (io.BytesIO(content), name), "kind": kind, "visibility": "all", **fields}
    return client.post(f"/cases/{case_id}/attachments/new", data=data,
                       content_type="multipart/form-data")


def _count() -> int:
    count = db.session.scalar(select(func.count()).select_from(Attachment))
    db.session.rollback()
    return count


def test_a_permit_scan_attached_by_the_desk_opens_for_legal_and_not_for_cuneo(
        make, auth, client, store):
    w = build_world(make)
    make.user(email="cuneo@example.test", roles=("desk",), sites=("CN",))
    auth.login(w.email("desk"))
    response = attach(client, w.case.id, files.pdf(), "permesso.pdf")
    assert response.status_code == 302
    attachment = db.session.scalars(select(Attachment)).one()
    assert attachment.content_type == "application/pdf"
    assert _stored(store) == [store / attachment.sha256[:2] / attachment.sha256]
    assert "permesso.pdf" in client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    auth.logout()

    auth.login(w.email("legal"))
    opened = client.get(f"/attachments/{attachment.id}")
    assert opened.status_code == 200
    assert opened.data == files.pdf()
    assert opened.headers["Content-Disposition"].startswith("attachment;")
    assert "permesso.pdf" in opened.headers["Content-Disposition"]
    assert opened.headers["X-Content-Type-Options"] == "nosniff"
    assert opened.mimetype == "application/pdf"
    downloads = db.session.scalars(select(AuditLog).where(AuditLog.action == "download")).all()
    assert [(row.object_id, row.user_id, row.person_id) for row in downloads] == [
        (attachment.id, w.users["legal"].id, w.case.person_id)]
    auth.logout()

    for outsider in ("cuneo@example.test", w.email("other"), w.email("admin"),
                     w.email("social")):
        auth.login(outsider)
        assert client.get(f"/attachments/{attachment.id}").status_code == 404, outsider
        auth.logout()


def test_the_timeline_says_a_file_was_added_without_its_name(make, auth, client, store):
    w = build_world(make)
    auth.login(w.email("desk"))
    attach(client, w.case.id, files.jpeg(), "ricevuta.jpg", kind="receipt")
    event = db.session.scalars(select(TimelineEvent).where(
        TimelineEvent.kind == "document_added")).one()
    assert event.payload["attachment"] == "receipt"
    assert "ricevuta" not in str(event.payload)


def test_a_file_on_the_persons_record_shows_on_their_other_cases(make, auth, client, store):
    w = build_world(make)
    other_case = make.case(site=w.site, person=w.case.person, referrals=("legal",),
                           status="closed")
    auth.login(w.email("desk"))
    attach(client, w.case.id, files.png(), "passaporto.png", on_person="y")
    attachment = db.session.scalars(select(Attachment)).one()
    assert attachment.case_id is None
    assert "passaporto.png" in client.get(f"/cases/{other_case.id}").get_data(as_text=True)


def test_a_team_confidential_file_follows_the_rule_of_confidential_notes(
        make, auth, client, store):
    w = build_world(make)
    auth.login(w.email("legal"))
    legal = w.team("legal").id
    response = attach(client, w.case.id, files.pdf(), "parere.pdf", kind="letter",
                      visibility="team", team=legal)
    assert response.status_code == 302
    attachment = db.session.scalars(select(Attachment)).one()
    assert (attachment.visibility, attachment.team_id) == ("team", legal)
    auth.logout()
    for role, status in (("legal2", 200), ("mediator", 404), ("supervisor", 404),
                         ("desk", 404)):
        auth.login(w.email(role))
        assert client.get(f"/attachments/{attachment.id}").status_code == status, role
        page = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
        assert ("parere.pdf" in page) == (status == 200), role
        auth.logout()


BAD = {
    "a text file called .pdf": (b"not a pdf at all", "permesso.pdf"),
    "a zip called .pdf": (files.zip_file(), "permesso.pdf"),
    "a zip": (files.zip_file(), "archivio.zip"),
    "a PNG called .pdf": (files.png(), "scan.pdf"),
    "a PDF called .jpg": (files.pdf(), "scan.jpg"),
    "a PDF without its end": (b"%PDF-1.4\n" + b"x" * 5000, "scan.pdf"),
    "a PNG declaring 10^10 pixels": (files.png_bomb_by_size(), "bomb.png"),
    "a PNG whose data unpacks to 40 MB": (files.png_bomb_by_data(), "bomb.png"),
    "a truncated JPEG": (b"\xff\xd8\xff\xe0\x00\x10JFIF", "foto.jpg"),
    "a path in the name": (files.pdf(), "../../etc/permesso.pdf"),
    # Escaped as in a quoted header: the server reads C:\scans\permesso.pdf
    "a Windows path in the name": (files.pdf(), "C:\\\\scans\\\\permesso.pdf"),
    "a control character in the name": (files.pdf(), "perm\x07esso.pdf"),
    "a right-to-left override in the name": (files.pdf(), "fdp.\u202eexe.pdf"),
    "an empty file": (b"", "vuoto.pdf"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_stored(
        make, auth, client, store, case):
    w = build_world(make)
    auth.login(w.email("admin"))  # English interface
    auth.logout()
    user = w.users["desk"]
    user.locale = "en"
    db.session.commit()
    auth.login(w.email("desk"))
    content, name = BAD[case]
    response = attach(client, w.case.id, content, name)
    assert response.status_code == 422, case
    page = response.get_data(as_text=True)
    assert 'class="flash flash-error"' in page or 'class="error"' in page
    assert _count() == 0
    assert _stored(store) == []


def test_a_file_over_the_configured_size_is_refused(app, make, auth, client, store):
    app.config["ATTACHMENT_MAX_BYTES"] = 4096
    w = build_world(make)
    auth.login(w.email("desk"))
    response = attach(client, w.case.id, files.pdf("x" * 6000), "grande.pdf")
    assert response.status_code == 422
    assert _count() == 0
    # Beyond twice the limit the request itself is refused before it is read.
    far_too_big = attach(client, w.case.id, files.pdf("x" * 200_000), "enorme.pdf")
    assert far_too_big.status_code == 413
    assert _count() == 0 and _stored(store) == []


def test_a_missing_file_or_kind_is_refused(make, auth, client, store):
    w = build_world(make)
    auth.login(w.email("desk"))
    no_file = client.post(f"/cases/{w.case.id}/attachments/new",
                          data={"kind": "permit", "visibility": "all"})
    assert no_file.status_code == 422
    no_kind = attach(client, w.case.id, files.pdf(), "permesso.pdf", kind="")
    assert no_kind.status_code == 422
    assert _count() == 0 and _stored(store) == []


@pytest.mark.parametrize("role,status", [("desk", 200), ("legal", 200), ("mediator", 200),
                                         ("supervisor", 200), ("social", 404), ("health", 404),
                                         ("admin", 404), ("other", 404), ("partner", 404)])
def test_the_attach_page_answers_as_the_access_rules_say(make, auth, client, store, role,
                                                         status):
    w = build_world(make)
    auth.login(w.email(role))
    assert client.get(f"/cases/{w.case.id}/attachments/new").status_code == status


def test_the_same_scan_attached_twice_is_stored_once(make, auth, client, store):
    w = build_world(make)
    auth.login(w.email("desk"))
    attach(client, w.case.id, files.pdf(), "uno.pdf")
    attach(client, w.case.id, files.pdf(), "due.pdf")
    assert _count() == 2
    assert len(_stored(store)) == 1


def test_a_file_changed_in_the_store_is_not_served(make, auth, client, store):
    w = build_world(make)
    auth.login(w.email("desk"))
    attach(client, w.case.id, files.pdf(), "permesso.pdf")
    attachment = db.session.scalars(select(Attachment)).one()
    (store / attachment.sha256[:2] / attachment.sha256).write_bytes(b"%PDF-1.4 altered %%EOF")
    assert client.get(f"/attachments/{attachment.id}").status_code == 500
