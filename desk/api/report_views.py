"""The anonymised needs report of a territory (the supervision page's report, its rule and its
audit row): counts only, every count under 5 published as "<5", no totals."""

from flask import abort

from .. import policy
from ..audit.services import audit
from ..common.transactions import read_only
from ..supervision import anonymised
from ..supervision.forms import PeriodForm
from ..supervision.scope import scope_from_form
from .blueprint import bp
from .common import caller
from .formbridge import validated
from .schemas import TerritoryReportArgs, TerritoryReportOut


@bp.route("/territories/<territory>/needs-report", methods=["GET"])
@bp.doc(tags=["supervision"], summary="The territory's anonymised needs report, by month")
@bp.arguments(TerritoryReportArgs, location="query")
@bp.response(200, TerritoryReportOut)
@read_only
def needs_report(args, territory):
    user = caller()
    policy.require_capability(user, "view_supervision")
    if territory not in anonymised.territories(user):
        abort(404)
    form = validated(PeriodForm, args, sites=sorted(user.sites, key=lambda s: s.code))
    scope = anonymised.territory_scope(scope_from_form(user, form), territory)
    tables = anonymised.report_tables(scope)
    first, last = scope.start.strftime("%Y-%m"), scope.end.strftime("%Y-%m")
    audit("view", object_type="anonymised_report",
          detail={"territory": territory, "first_month": first, "last_month": last, "api": True})
    return {"territory": territory, "first_month": first, "last_month": last,
            "small_cell_threshold": anonymised.SMALL_CELL,
            "tables": [{"key": t.key, "title": t.title,
                        "cells": list(anonymised.long_rows(t, territory))} for t in tables]}
