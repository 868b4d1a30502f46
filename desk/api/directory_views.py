"""The territory's service directory, read only: the services of the provinces of the caller's
sites (the directory page's rule, `view_directory`), found by need, language, kind, day and
text as on the page."""

from flask_babel import gettext as _

from .. import policy
from ..common.transactions import read_only
from ..extensions import db
from ..models.directory import Organisation, Service
from ..network.directory_queries import ServiceFilter, services_query
from ..vocab.codes import NEEDS, SERVICE_KINDS
from ..vocab.names import is_language
from . import cursors
from .blueprint import bp
from .common import caller
from .formbridge import refuse
from .schemas import MAX_LIMIT, ServiceListArgs, ServiceListOut, ServiceOut

ORDER = (Organisation.name, Service.name, Service.id)


def _filter(args) -> ServiceFilter:
    errors = {}
    if any(need not in NEEDS for need in args.get("need", [])):
        errors["need"] = [_("Not one of the codes this field takes.")]
    if args.get("kind") and args["kind"] not in SERVICE_KINDS:
        errors["kind"] = [_("Not one of the codes this field takes.")]
    if args.get("language") and not is_language(args["language"]):
        errors["language"] = [_("Not one of the codes this field takes.")]
    day = args.get("day")
    if day is not None and day not in "0123456":
        errors["day"] = [_("Give the day of the week as a number, 0 (Monday) to 6 (Sunday).")]
    if errors:
        refuse(400, errors=errors)
    return ServiceFilter(needs=args.get("need", []), language=args.get("language"),
                         weekday=int(day) if day else None, kind=args.get("kind"),
                         text=args.get("q"))


@bp.route("/services", methods=["GET"])
@bp.doc(tags=["directory"], summary="The territory's services, by organisation and name")
@bp.arguments(ServiceListArgs, location="query")
@bp.response(200, ServiceListOut, headers=cursors.NEXT_LINK)
@read_only
def services(args):
    user = caller()
    policy.require_capability(user, "view_directory")
    stmt = services_query(user, _filter(args))
    if (key := cursors.read_cursor()) is not None:
        stmt = stmt.where(cursors.after(ORDER, key))
    limit = min(args["limit"], MAX_LIMIT)
    rows = list(db.session.scalars(stmt.order_by(*ORDER).limit(limit + 1)))
    return cursors.page(rows, limit, lambda s: (s.organisation.name, s.name, s.id))


@bp.route("/services/<int:service_id>", methods=["GET"])
@bp.etag
@bp.doc(tags=["directory"], summary="One service of the directory")
@bp.response(200, ServiceOut)
@read_only
def service(service_id):
    return policy.get_service_or_404(caller(), service_id)  # the page's rule: 404
