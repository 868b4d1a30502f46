"""People: search (the counter's own search), read one, register one (the registration
form's rules and its duplicate check)."""

from flask import jsonify
from flask_babel import gettext as _

from .. import policy
from ..audit.services import audit
from ..common.transactions import read_only
from ..counter import services
from ..counter.forms import RegisterForm
from ..counter.search import likely_duplicates, search_people
from ..extensions import db
from ..identity.notice_services import look_elsewhere
from ..models.cases import Case
from .blueprint import bp
from .common import Shown, caller
from .formbridge import refuse, run_service, validated
from .schemas import (
    DuplicateOut,
    PersonDetailOut,
    PersonOut,
    PersonSearchArgs,
    RegisterPersonIn,
    SearchOut,
)


@bp.route("/people", methods=["GET"])
@bp.doc(tags=["people"], summary="Search people as at the counter")
@bp.arguments(PersonSearchArgs, location="query")
@bp.response(200, SearchOut)
@read_only
def search(args):
    user = caller()
    policy.require_capability(user, "search_people")
    parsed, hits = search_people(user, args["q"], limit=min(args["limit"], 100))
    elsewhere = look_elsewhere(user, where="api_search", identifiers=parsed.identifiers,
                               words=parsed.words, birth_date=parsed.birth_date)
    return {"results": [{"person": hit.person, "score": round(hit.score, 1),
                         "open_case_id": hit.open_case.id if hit.open_case else None}
                        for hit in hits],
            "elsewhere": [{"desk": desk.site_name} for desk in elsewhere]}


@bp.route("/people/<int:person_id>", methods=["GET"])
@bp.doc(tags=["people"], summary="One person's record")
@bp.response(200, PersonDetailOut)
@read_only
def person(person_id):
    user = caller()
    found = policy.get_person_or_404(user, person_id)
    audit("view", found)
    case_ids = list(db.session.scalars(
        policy.person_records(user, Case, found.id).with_only_columns(Case.id).order_by(Case.id)))
    return Shown(found, case_ids=case_ids)


@bp.route("/people", methods=["POST"])
@bp.doc(tags=["people"], summary="Register a person",
        responses={422: {"description": "Similar people exist",
                         "content": {"application/problem+json": {"schema": DuplicateOut}}}})
@bp.arguments(RegisterPersonIn)
@bp.response(201, PersonDetailOut)
def register(data):
    user = caller()
    policy.require_capability(user, "register_person")
    site = _site(user, data.pop("site_id", None))
    form = validated(RegisterForm, data)
    person_data = form.person_data()
    duplicates = likely_duplicates(user, person_data)
    if duplicates and not data.get("register_anyway"):
        return _duplicates([hit.person for hit in duplicates])
    created = run_service(lambda: services.register_person(user, site, person_data))
    return Shown(created, case_ids=[])


def _site(user, site_id):
    sites = sorted(user.sites, key=lambda s: s.id)
    if site_id is None:
        if not sites:
            refuse(403)
        return sites[0]
    site = next((s for s in sites if s.id == site_id), None)
    if site is None:
        refuse(400, errors={"site_id": [_("Choose one of your own sites.")]})
    return site


def _duplicates(people):
    response = jsonify({
        "type": "about:blank", "title": _("Similar people are already registered"),
        "status": 422,
        "detail": _("Similar people are already registered. Check them: use the right one, "
                    "or send “register_anyway”: true if this is a different person."),
        "duplicates": PersonOut(many=True).dump(people)})
    response.status_code = 422
    response.content_type = "application/problem+json"
    return response
