"""The guide's pictures: the screenshots that scripts/screenshots.py takes from the real app
(docs/screenshots, one copy), served by the app itself to signed-in readers. Only the names
listed here have a route; the address carries a hash of the file, so it is kept a year."""

import hashlib
import struct
from pathlib import Path

from flask import Response, abort, current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from ..common.transactions import read_only
from .blueprint import bp

ONE_YEAR = 365 * 24 * 3600

# Picture -> what it shows (its alt text).
ALT = {
    "desk-home": _l("The desk home page: the box to find a person, the link to register a "
                    "new one and the referrals a team declined, to route again."),
    "search-arabic-name": _l("A search for a name typed in Arabic script: the people found, "
                             "with the name in Latin letters and in Arabic, and a button to "
                             "record an access."),
    "intake": _l("The access form: how the person came, the needs ticked and the teams "
                 "suggested by the needs, each with a reason and a priority."),
    "team-queue": _l("A team's queue: filters by status, assignee, need and language, then the "
                     "referrals, overdue ones first, with buttons to complete, reassign or "
                     "decline."),
    "case-arabic": _l("A case page in Arabic, written from right to left: the referrals, the "
                      "appointments and the shared history of the case."),
    "supervision-dashboard": _l("The supervision dashboard: the period and the site chosen "
                                "at the top, the summary figures and the downloads."),
    "admin-users": _l("The list of accounts with their roles, sites and status, the search "
                      "box and the button for a new user."),
}
# The guide's section -> its pictures, in reading order.
OF_SECTION = {
    "desk": ("desk-home", "search-arabic-name", "intake"),
    "team": ("team-queue",),
    "mediator": ("case-arabic",),
    "supervisor": ("supervision-dashboard",),
    "admin": ("admin-users",),
}
_info: dict[str, tuple[int, str, int, int]] = {}


def _path(name: str) -> Path:
    return Path(current_app.root_path).parent / "docs" / "screenshots" / f"{name}.png"


def _describe(name: str) -> tuple[str, int, int] | None:
    """(content hash, width, height) of a picture, or None when the file is missing."""
    path = _path(name)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    if name not in _info or _info[name][0] != stamp:
        data = path.read_bytes()
        width, height = struct.unpack(">II", data[16:24])  # the PNG header (IHDR)
        _info[name] = (stamp, hashlib.sha256(data).hexdigest()[:12], width, height)
    return _info[name][1:]


@bp.app_template_global()
def guide_screenshots(section: str) -> list[dict]:
    """The pictures of a section that exist on disk, with address, alt text and size."""
    pictures = []
    for name in OF_SECTION.get(section, ()):
        if (info := _describe(name)) is None:
            continue
        digest, width, height = info
        pictures.append({"src": url_for("main.guide_screenshot", name=name, v=digest),
                         "alt": ALT[name], "width": width, "height": height})
    return pictures


@bp.route(f"/help/screenshots/<any({', '.join(repr(n) for n in sorted(ALT))}):name>.png")
@login_required
@read_only
def guide_screenshot(name: str):
    info = _describe(name)
    if info is None:
        abort(404)
    response = Response(_path(name).read_bytes(), mimetype="image/png")
    response.set_etag(info[0])
    response.make_conditional(request)
    response.cache_control.private = True
    response.cache_control.public = None
    if request.args.get("v") == info[0]:
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.max_age = 24 * 3600
    return response


guide_screenshot.no_personal_data = True  # demo data only: the browser may keep it
