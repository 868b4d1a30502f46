from flask import render_template, request, url_for
from flask_login import login_required

from ..vocab import glossary
from .blueprint import bp


@bp.route("/", endpoint="glossary")
@login_required
def glossary_page():
    query = (request.args.get("q") or "").strip()[:200]
    return render_template(
        "glossary/glossary.html",
        query=query,
        permits=glossary.search(query),
        all_permits=glossary.PERMITS,
        answers=glossary.ANSWERS,
    )


@bp.app_template_global()
def glossary_url(permit_code: str | None = None) -> str:
    """Link to a permit type's entry, for the person's document field."""
    if permit_code and glossary.get(permit_code):
        return url_for("glossary.glossary", _anchor=permit_code)
    return url_for("glossary.glossary")
