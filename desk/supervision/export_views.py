"""Exports (CSV, XLSX) of the dashboard and of the lists, and the anonymised needs report.
Each needs the "export" capability and is written to the audit log."""

from contextlib import nullcontext

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from ..audit.services import audit
from ..auth.fresh import require_fresh_login
from ..common.i18n import LOCALES
from ..policy import can, require
from . import anonymised, drilldown, exports, list_exports
from .blueprint import bp
from .dashboard import dashboard_tables
from .views import period

LISTS = {
    "referrals": (drilldown.referral_list, list_exports.referral_export),
    "cases": (drilldown.case_list, list_exports.case_export),
}


def _language():
    """Exports are written in the language asked for (?lang=), else the reader's."""
    lang = request.args.get("lang")
    return (lang, force_locale(lang)) if lang in LOCALES else (None, nullcontext())


def _checked_period():
    """The filter; None (and the reasons flashed) if any of it was refused."""
    require(can(current_user, "export"))
    form, scope = period()
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return None
    return scope


def _refused():
    return redirect(url_for("supervision.dashboard", **request.args.to_dict()))


@bp.route("/export/<key>.<any(csv, xlsx, zip):fmt>")
@require_fresh_login
def export_dashboard(key, fmt):
    scope = _checked_period()
    if scope is None:
        return _refused()
    lang, locale = _language()
    with locale:
        tables = [t for t in dashboard_tables(scope) if key in ("all", t.key)]
        if not tables:
            abort(404)
        response = exports.file_response(tables, fmt, f"supervision-{key}-{scope.end}")
    audit("export", object_type="supervision_dashboard", detail={
        "what": key, "format": fmt, "language": lang, "filter": scope.query_args(),
        "tables": [t.key for t in tables], "rows": sum(len(t.rows) for t in tables)})
    return response


@bp.route("/<any(referrals, cases):what>.<any(csv, xlsx):fmt>")
@require_fresh_login
def export_list(what, fmt):
    scope = _checked_period()
    if scope is None:
        return _refused()
    query_for, export_for = LISTS[what]
    lang, locale = _language()
    with locale:  # the titles; the rows are labelled in that language as they are written
        export = export_for(query_for(scope, request.args))
    filters = {k: v for k, v in request.args.items() if k not in ("lang", "page")}
    audit("export", object_type=f"supervision_{what}", detail={
        "what": what, "format": fmt, "language": lang, "filter": filters,
        "rows": export.count()})
    write = list_exports.xlsx_response if fmt == "xlsx" else list_exports.csv_response
    return write(export, lang, f"{what}-{scope.end}.{fmt}")


def _territory_report():
    # The territory decides the sites: a site filter carried over from the dashboard is dropped.
    form, scope = period(MultiDict([(k, v) for k, v in request.args.items(multi=True)
                                    if k != "site"]))
    territories = anonymised.territories(current_user)
    territory = request.args.get("territory") or (territories[0] if territories else None)
    if territory not in territories:
        abort(404)
    report_scope = anonymised.territory_scope(scope, territory)
    return form, report_scope, territory, territories


def _dashboard_args() -> dict:
    """The dashboard's own period and site, carried through the report and back (the report
    itself covers whole months of the territory)."""
    return {k: v for k, v in request.args.items() if k in ("start", "end", "site") and v}


@bp.route("/anonymised")
def anonymised_report():
    form, scope, territory, territories = _territory_report()
    tables = anonymised.report_tables(scope)
    audit("view", object_type="anonymised_report",
          detail={"territory": territory, "first_month": scope.start.strftime("%Y-%m"),
                  "last_month": scope.end.strftime("%Y-%m")})
    return render_template("supervision/anonymised.html", form=form, scope=scope,
                           territory=territory, territories=territories, tables=tables,
                           small_cell=anonymised.SMALL_CELL, back=_dashboard_args()
                           ), 422 if form.errors else 200


@bp.route("/anonymised.<any(csv, xlsx, zip, sqlite):fmt>")
@require_fresh_login
def export_anonymised(fmt):
    require(can(current_user, "export"))
    form, scope, territory, _all = _territory_report()
    if form.errors:
        return _checked_period() or _refused()
    lang, locale = _language()
    name = f"needs-{territory}-{scope.start:%Y-%m}-{scope.end:%Y-%m}"
    with locale:
        tables = anonymised.report_tables(scope)
        if fmt == "sqlite":
            response = exports.attachment(
                Response(anonymised.sqlite_bytes(scope, territory, tables),
                         mimetype="application/vnd.sqlite3"), f"{name}.sqlite")
        else:
            response = exports.file_response(tables, fmt, name)
    audit("export", object_type="anonymised_report", detail={
        "what": "anonymised_needs", "format": fmt, "language": lang, "territory": territory,
        "first_month": scope.start.strftime("%Y-%m"), "last_month": scope.end.strftime("%Y-%m")})
    return response
