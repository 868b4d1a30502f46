"""Recording an access at the counter, with its routing to teams: the intake form's rules,
the same consent check, the same service."""

from functools import partial

from flask_babel import gettext as _

from .. import policy
from ..common.refusals import ActionRefused
from ..counter.intake_forms import intake_form
from ..counter.intake_services import ConsentMissing, record_intake
from ..extensions import db
from ..models.cases import Referral
from ..vocab.codes import TEAM_KINDS
from .blueprint import bp
from .common import Shown, caller
from .formbridge import refuse, run_service, validated
from .schemas import AccessIn, AccessOut

# The intake form's routing fields, named as the JSON body has them.
ROUTE_FIELDS = {"teams": "routes",
                **{f"{part}_{kind}": f"routes.{kind}.{part}" for kind in TEAM_KINDS
                   for part in ("reason", "priority")}}


def _form_values(data: dict) -> dict:
    routes = data.pop("routes", None) or []
    values = {**data, "teams": [route["team"] for route in routes]}
    for route in routes:
        if route["team"] not in TEAM_KINDS:
            refuse(400, errors={"routes": [_("Not one of the codes this field takes.")]})
        for part in ("reason", "priority"):
            if route.get(part):
                values[f"{part}_{route['team']}"] = route[part]
    return values


@bp.route("/people/<int:person_id>/accesses", methods=["POST"])
@bp.doc(tags=["accesses"], summary="Record an access, and route the case to teams")
@bp.arguments(AccessIn)
@bp.response(201, AccessOut)
def record(data, person_id):
    user = caller()
    person = policy.get_person_or_404(user, person_id)
    policy.require_capability(user, "record_access")
    # The person's site: its teams, and the codes its territory still offers.
    form = validated(partial(intake_form, person.site), _form_values(data), names=ROUTE_FIELDS)
    intake = form.intake_data()
    if intake.routes:
        policy.require_capability(user, "route_case")
    may_override = policy.can(user, "override_consent")

    def run():
        try:
            return record_intake(user, person, intake, None, may_override)
        except ConsentMissing:
            raise ActionRefused(_(
                "This person has not agreed to share their data with the teams, so the case "
                "cannot be routed. Record the consent first, or (supervisors) send "
                "“override_reason”.")) from None

    access = run_service(run)
    referrals = list(db.session.scalars(
        policy.case_records(user, Referral, access.case_id).order_by(Referral.id)
    )) if access.case_id else []
    return Shown(access, referrals=referrals)
