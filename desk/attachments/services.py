"""Attaching a file to a person or a case, reading it back, and removing a person's files
(erasure, retention). Services flush and never commit; the bytes reach the store when the
transaction that records them commits (storage)."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, func, select

from .. import policy
from ..audit.services import audit
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.attachments import Attachment
from ..models.cases import Case
from ..models.history import record_event
from ..models.staff import author_teams
from ..vocab.codes import ATTACHMENT_KINDS, VISIBILITIES
from . import storage
from .filenames import clean_filename
from .filetypes import check_content


def max_bytes() -> int:
    return current_app.config["ATTACHMENT_MAX_BYTES"]


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        megabytes = max(1, limit // (1024 * 1024))
        raise ActionRefused(ngettext(
            "The file is too large: at most %(num)d MB can be attached.",
            "The file is too large: at most %(num)d MB can be attached.", megabytes))
    if size == 0:
        raise ActionRefused(_("The file is empty."))


def attach_file(actor, case: Case, *, filename: str | None, data: bytes, kind: str,
                visibility: str = "all", team_id: int | None = None,
                on_person: bool = False) -> Attachment:
    """Check the file (size, real type, image bombs, name) and record it on the case, or on the
    person's record when `on_person`; the timeline of `case` tells that a file was added."""
    if kind not in ATTACHMENT_KINDS:
        raise ActionRefused(_("Choose what kind of document the file is."))
    if visibility not in VISIBILITIES:
        raise ActionRefused(_("Choose who may open the file."))
    check_size(len(data))
    content_type = check_content(filename or "", data, current_app.config["ATTACHMENT_MAX_PIXELS"])
    name = clean_filename(filename, content_type)
    teams = author_teams(actor, case)
    team = next((t for t in teams if t.id == team_id), teams[0] if teams else None)
    if visibility == "team" and team is None:
        raise ActionRefused(_("Only a team member can attach a file confidential to a team."))
    sha256 = storage.sha256_of(data)
    attachment = Attachment(
        person_id=case.person_id, case_id=None if on_person else case.id, kind=kind,
        filename=name, content_type=content_type, size=len(data), sha256=sha256,
        visibility=visibility, team_id=team.id if team else None, uploaded_by_id=actor.id)
    db.session.add(attachment)
    db.session.flush()
    storage.write_on_commit(db.session(), sha256, data)
    record_event(case, "document_added", actor, team=team if visibility == "team" else None,
                 visibility=visibility,
                 payload={"attachment_id": attachment.id, "attachment": kind})
    audit("create", attachment, user=actor, person_id=case.person_id,
          detail={"kind": kind, "content_type": content_type, "size": len(data)})
    db.session.flush()
    return attachment


def attachments_of_case(user, case: Case) -> list[Attachment]:
    """The files `user` may open on this case and on its person's record, newest first."""
    return list(db.session.scalars(
        policy.visible_attachments(user)
        .where(Attachment.person_id == case.person_id,
               (Attachment.case_id == case.id) | Attachment.case_id.is_(None))
        .order_by(Attachment.created_at.desc(), Attachment.id.desc())))


def attachments_of_person(user, person_id: int) -> list[Attachment]:
    return list(db.session.scalars(
        policy.visible_attachments(user).where(Attachment.person_id == person_id)
        .order_by(Attachment.created_at, Attachment.id)))


def withheld_attachments(user, person_id: int) -> list[Attachment]:
    """Files of this person confidential to a team `user` is not in (for the access export)."""
    seen = select(Attachment.id).where(policy.attachment_condition(user))
    return list(db.session.scalars(
        policy.person_records(user, Attachment, person_id)
        .where(Attachment.id.not_in(seen)).order_by(Attachment.created_at)))


def read_file(attachment: Attachment) -> bytes:
    """The bytes of a file the caller has loaded through the policy, checked against its hash."""
    return storage.store().read(attachment.sha256)


def download(user, attachment: Attachment) -> bytes:
    data = read_file(attachment)
    audit("download", attachment, user=user, person_id=attachment.person_id)
    return data


def remove_person_files(person_id: int) -> int:
    """Delete every file of a person (erasure, retention): the rows now, the bytes once the
    transaction has committed and no other row names the same content. Returns the count."""
    hashes = set(db.session.scalars(select(Attachment.sha256).where(
        Attachment.person_id == person_id)))
    count = db.session.scalar(select(func.count()).select_from(Attachment).where(
        Attachment.person_id == person_id)) or 0
    db.session.execute(delete(Attachment).where(Attachment.person_id == person_id))
    db.session.flush()
    still_used = set(db.session.scalars(select(Attachment.sha256).where(
        Attachment.sha256.in_(hashes)))) if hashes else set()
    for sha256 in hashes - still_used:
        storage.remove_after_commit(db.session(), sha256)
    return count
