"""Supervision pages: dashboard, drill-down lists and reassignment. Every route of the area
needs the "view_supervision" capability (checked once, for the whole blueprint)."""

from urllib.parse import parse_qsl, urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import false
from werkzeug.datastructures import MultiDict

from ..admin import grant_services
from ..audit.services import audit
from ..common.pagination import paginate
from ..common.refusals import ActionRefused, EditConflict
from ..extensions import db, login_manager
from ..models.sites import Team
from ..models.staff import team_members
from ..policy import can, require
from . import drilldown
from .blueprint import bp
from .charts import bar_chart
from .dashboard import dashboard_tables, headline
from .forms import PeriodForm
from .scope import scope_from_form
from .services import reassign_referrals

# Beyond this a page number names nothing (and would overflow the database's OFFSET).


@bp.before_request
def supervisors_only():
    if request.endpoint == "supervision.static":
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    require(can(current_user, "view_supervision"))


def period(args=None):
    """The period/site filter form, validated, and the scope it gives (defaults if refused)."""
    form = PeriodForm(args if args is not None else request.args,
                      sites=sorted(current_user.sites, key=lambda s: s.code))
    form.validate()
    scope = scope_from_form(current_user, form)
    # Show the period in force, unless the user typed something that was refused.
    if not form.start.raw_data or not form.start.raw_data[0]:
        form.start.data = scope.start
    if not form.end.raw_data or not form.end.raw_data[0]:
        form.end.data = scope.end
    return form, scope


@bp.route("/")
def dashboard():
    form, scope = period()
    tables = dashboard_tables(scope)
    return render_template("supervision/dashboard.html", form=form, scope=scope, tables=tables,
                           headline=headline(tables), bar_chart=bar_chart,
                           grants_waiting=len(grant_services.visible_grants(current_user)),
                           ), 422 if form.errors else 200


def _list_page(template, query_for, args=None, status=200, **context):
    args = args if args is not None else request.args
    form, scope = period(args)
    query = query_for(scope, args)
    if form.errors:  # a refused filter shows no list (the form says what to correct)
        query = query.where(false())
    page = paginate(query, args.get("page", 1, type=int))
    status = 422 if form.errors else status
    filters = {k: v for k, v in args.items() if k not in ("start", "end", "site", "page")}
    # Lists name people: who looked at which list is in the audit log.
    audit("view", object_type=f"supervision_{template.rsplit('/', 1)[1][:-5]}", detail={
        "filter": {**filters, **scope.query_args()}, "page": page.page, "rows": len(page.items)})
    return render_template(template, form=form, scope=scope, page=page, filters=filters,
                           can_export=can(current_user, "export"),
                           can_reassign=can(current_user, "reassign"), **context), status


@bp.route("/referrals")
def referrals():
    return _referral_page(request.args)


def _referral_page(args, status=200):
    return _list_page("supervision/referrals.html", drilldown.referral_list, args, status,
                      reassign=_reassign_choices(args))


@bp.route("/cases")
def cases():
    return _list_page("supervision/cases.html", drilldown.case_list)


@bp.route("/accesses")
def accesses():
    return _list_page("supervision/accesses.html", drilldown.access_list)


@bp.route("/appointments")
def appointments():
    return _list_page("supervision/appointments.html", drilldown.appointment_list)


def _reassign_choices(args):
    """The workers of the team the list is filtered on: moves happen within one team."""

    team_id = drilldown.id_arg(args.get("team"))
    team = db.session.get(Team, team_id) if team_id else None
    if not can(current_user, "reassign") or team is None:
        return None
    if team.site_id not in current_user.site_ids:
        return None
    return {"team": team, "workers": team_members(team)}


def _back_args() -> MultiDict:
    """The filters of the list the reassignment form was sent from."""
    query = urlsplit(request.form.get("back") or "").query
    return MultiDict([(k, v) for k, v in parse_qsl(query) if k != "page"])


@bp.route("/referrals/reassign", methods=["POST"])
def reassign():
    require(can(current_user, "reassign"))
    moves = {drilldown.id_arg(v): request.form.get(f"version-{v}")
             for v in request.form.getlist("referral")}
    moves.pop(None, None)
    args = _back_args()
    try:
        moved = reassign_referrals(current_user, current_user.site_ids, moves,
                                   drilldown.id_arg(request.form.get("assignee")))
    except ActionRefused as refusal:
        flash(refusal.message, "error")
        return _referral_page(args, status=422)
    except EditConflict:
        flash(_("Someone else changed one of these referrals meanwhile. Nothing was moved; "
                "check the list and try again."), "error")
        return _referral_page(args, status=409)
    flash(ngettext("%(count)d referral moved.", "%(count)d referrals moved.", len(moved),
                   count=len(moved)), "success")
    return redirect(url_for("supervision.referrals", **args.to_dict(flat=False)))

