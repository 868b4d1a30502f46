"""The in-app guide: one page, a short section per role and the keyboard shortcuts; the "?"
in the top bar opens the section of the page in use."""

from flask import render_template, request, url_for
from flask_login import current_user, login_required

from ..common.transactions import read_only
from .blueprint import bp

SECTIONS = ("desk", "team", "mediator", "supervisor", "admin", "keys")

# The area of a page (its blueprint) -> the guide's section; the team pages are the
# mediator's own when the reader works in a mediation team.
SECTION_OF_AREA = {
    "counter": "desk", "network": "desk", "glossary": "desk",
    "teamwork": "team", "cases": "team", "careplan": "team",
    "supervision": "supervisor", "admin": "admin",
}
SECTION_OF_ROLE = (("supervisor", "supervisor"), ("desk", "desk"), ("team", "team"),
                   ("admin", "admin"))


def _mediates(user) -> bool:
    return any(team.kind == "mediation" for team in getattr(user, "teams", ()))


def help_section(endpoint: str | None, user) -> str:
    section = SECTION_OF_AREA.get((endpoint or "").split(".")[0])
    if section == "team" and _mediates(user) or endpoint == "cases.translate_note":
        return "mediator"
    if section:
        return section
    roles = getattr(user, "roles", set())
    return next((section for role, section in SECTION_OF_ROLE if role in roles), "keys")


@bp.app_template_global()
def help_url() -> str:
    return url_for("main.help_page",
                   _anchor=help_section(request.endpoint, current_user))


@bp.route("/help")
@login_required
@read_only
def help_page():
    return render_template("main/help.html", sections=SECTIONS,
                           mine=help_section(None, current_user))
