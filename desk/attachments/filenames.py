"""The name a file is kept and offered under: the uploader's name, refused when it hides a path
or control characters (nothing is silently changed), with the extension of its real type."""

import re
import unicodedata

from flask_babel import gettext as _

from ..common.refusals import ActionRefused
from ..vocab.codes import ATTACHMENT_TYPES

MAX_NAME_LENGTH = 120
# C0/C1 controls, DEL, and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_filename(raw: str | None, content_type: str) -> str:
    name = unicodedata.normalize("NFC", (raw or "").strip())
    if not name:
        raise ActionRefused(_("Choose the file to attach."))
    if "/" in name or "\\" in name:
        raise ActionRefused(_("The file name contains / or \\: rename the file and try again."))
    if FORBIDDEN.search(name):
        raise ActionRefused(_("The file name contains invisible control characters: rename the "
                              "file and try again."))
    if name in (".", "..") or name.startswith("."):
        raise ActionRefused(_("Give the file a name before attaching it."))
    if len(name) > MAX_NAME_LENGTH:
        raise ActionRefused(_("The file name is too long (at most %(count)d characters): rename "
                              "it and try again.", count=MAX_NAME_LENGTH))
    extension = ATTACHMENT_TYPES[content_type]
    stem, dot, current = name.rpartition(".")
    if dot and current.lower() in (extension, "jpeg" if extension == "jpg" else extension):
        return name
    return f"{name}.{extension}"
