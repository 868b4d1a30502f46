"""People: search (the counter's own search), read one, register one (the registration
form's rules and its duplicate check), change one (the edit form's rules, with If-Match)."""

from flask import jsonify
from flask_babel import gettext as _
from sqlalchemy import select

from .. import policy
from ..audit.services import audit
from ..common.transactions import read_only
from ..counter import services
from ..counter.forms import PersonForm, RegisterForm
from ..counter.search import likely_duplicates, search_people
from ..extensions import db
from ..identity.notice_services import look_elsewhere
from ..models.cases import Case
from ..models.people import Person
from . import cursors
from .blueprint import bp
from .common import Shown, caller
from .formbridge import refuse, run_service, validated
from .schemas import (
    MAX_LIMIT,
    DuplicateOut,
    PersonDetailOut,
    PersonIn,
    PersonOut,
    PersonSearchArgs,
    RegisterPersonIn,
    SearchOut,
)


@bp.route("/people", methods=["GET"])
@bp.doc(tags=["people"], summary="Search people as at the counter, best match first "
                                  "(the best 200 candidates, page by page)")
@bp.arguments(PersonSearchArgs, location="query")
@bp.response(200, SearchOut, headers=cursors.NEXT_LINK)
@read_only
def search(args):
    user = caller()
    policy.require_capability(user, "search_people")
    limit = min(args["limit"], MAX_LIMIT)
    after = _search_after()
    parsed, hits = search_people(user, args["q"], limit=limit + 1, after=after)
    answer = cursors.page(hits, limit, lambda hit: (-hit.score, hit.person.id))
    answer["results"] = [{"person": hit.person, "score": round(hit.score, 1),
                          "open_case_id": hit.open_case.id if hit.open_case else None}
                         for hit in answer["results"]]
    # The desks that hold a matching person the caller cannot see: on the first page only.
    elsewhere = [] if after else look_elsewhere(
        user, where="api_search", identifiers=parsed.identifiers, words=parsed.words,
        birth_date=parsed.birth_date)
    answer["elsewhere"] = [{"desk": desk.site_name} for desk in elsewhere]
    return answer


def _search_after() -> tuple | None:
    """The search's hit_order after which this page starts. The cursor carries only the score
    and the person's id (a cursor is readable, and logged with the URL); the family name that
    breaks ties is read back here, as a column (no person is loaded, so none is "shown")."""
    key = cursors.read_cursor()
    if key is None:
        return None
    try:
        score, person_id = key
        family_name = db.session.scalar(select(Person.family_name).where(Person.id == person_id))
    except (TypeError, ValueError):
        family_name = None
    if family_name is None:  # erased meanwhile: the walk starts again
        cursors.bad_cursor()
    return (score, family_name.casefold(), person_id)


@bp.route("/people/<int:person_id>", methods=["GET"])
@bp.etag
@bp.doc(tags=["people"], summary="One person's record")
@bp.response(200, PersonDetailOut)
@read_only
def person(person_id):
    user = caller()
    found = policy.get_person_or_404(user, person_id)
    audit("view", found)
    return _shown(user, found)


def _shown(user, found):
    case_ids = list(db.session.scalars(
        policy.person_records(user, Case, found.id).with_only_columns(Case.id).order_by(Case.id)))
    return Shown(found, case_ids=case_ids)


@bp.route("/people/<int:person_id>", methods=["PUT"])
@bp.etag
@bp.doc(tags=["people"], summary="Change a person's record: the whole record, as the form "
                                 "sends it, with the ETag read in If-Match")
@bp.arguments(PersonIn)
@bp.response(200, PersonDetailOut)
def update(data, person_id):
    user = caller()
    found = policy.get_person_or_404(user, person_id)
    policy.require_capability(user, "edit_person")
    bp.check_etag(_shown(user, found), PersonDetailOut)
    form = validated(PersonForm, data)
    run_service(lambda: services.update_person(user, found, form.person_data()), conflict=412)
    return _shown(user, found)


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
