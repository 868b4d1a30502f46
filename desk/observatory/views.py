"""Observatory pages: a territory's or the region's figures for a quarter, the report for
the meeting (Italian or English) and the data (XLSX, SQLite). Every route needs the
"view_observatory" capability (checked once, for the whole blueprint); each page shows only
protected figures of a territory the coordinator may open (policy.observable_provinces)."""

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_login import current_user

from .. import policy
from ..audit.services import audit
from ..common.clock import today, utcnow
from ..common.transactions import read_only
from ..extensions import login_manager
from ..supervision import figure_services as exports
from ..supervision.figure_services import bar_chart
from . import document, publication
from .blueprint import bp
from .cubes import Period, last_complete
from .disclosure import ALL
from .forms import REPORT_LANGUAGES, QuarterForm

REGION = "region"


@bp.before_request
def coordinators_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    policy.require(policy.can(current_user, "view_observatory"))
    return None


def _territory_or_404(area: str) -> str:
    """ALL for the region, else the province code; 404 for a page the user may not open."""
    allowed = policy.observable_provinces(current_user)
    if area == REGION and None in allowed:
        return ALL
    if area != REGION and area in allowed:
        return area
    abort(404)


def _period():
    last = last_complete(today())
    form = QuarterForm(request.args, last=last)
    if not form.validate():
        return form, last
    year = int(form.year.data) if form.year.data else last.year
    quarter = int(form.quarter.data) if form.quarter.data else last.quarter
    return form, Period(year, quarter)


def _chart(table, rtl=False):
    return bar_chart(publication.chart_rows(table), rtl=rtl)


@bp.route("/")
@read_only
def index():
    allowed = policy.observable_provinces(current_user)
    if not allowed:
        abort(403)
    return redirect(url_for("observatory.page", area=allowed[0] or REGION))


@bp.route("/<area>")
def page(area):
    territory = _territory_or_404(area)
    form, period = _period()
    content = publication.content(current_user, period, territory)
    audit("view", object_type="observatory", detail={"area": area, "period": str(period)})
    return render_template("observatory/page.html", form=form, area=area, period=period,
                           content=content, chart=_chart,
                           areas=publication.area_links(current_user)), \
        422 if form.errors else 200


def _publication_request(area):
    """(territory, period, language) of a report or data download; 404 for a bad one."""
    territory = _territory_or_404(area)
    form, period = _period()
    lang = request.args.get("lang", "it")
    if lang not in REPORT_LANGUAGES or form.errors:
        abort(404)
    return territory, period, lang


@bp.route("/<area>/report")
def report(area):
    territory, period, lang = _publication_request(area)
    with force_locale(lang):
        content = publication.content(current_user, period, territory)
        body = render_template("observatory/report.html", lang=lang, area=area,
                               period=period, content=content, chart=_chart)
    audit("view", object_type="observatory_report",
          detail={"area": area, "period": str(period), "language": lang})
    return body


@bp.route("/<area>/report.pdf")
def report_pdf(area):
    territory, period, lang = _publication_request(area)
    with force_locale(lang):
        content = publication.content(current_user, period, territory)
        if content.quarter is None:
            abort(404)
        response = Response(document.pdf_bytes(content, utcnow(), lang),
                            mimetype="application/pdf")
    audit("export", object_type="observatory_report",
          detail={"area": area, "period": str(period), "format": "pdf", "language": lang})
    return exports.attachment(response, f"observatory-report-{area}-{period}-{lang}.pdf")


@bp.route("/<area>/data.<any(xlsx, sqlite):fmt>")
def data(area, fmt):
    territory, period, lang = _publication_request(area)
    name = f"observatory-{area}-{period}"
    with force_locale(lang):
        content = publication.content(current_user, period, territory)
        if content.quarter is None:
            abort(404)
        if fmt == "xlsx":
            response = Response(exports.xlsx_bytes(content.tables), mimetype=exports.XLSX_TYPE)
        else:
            response = Response(publication.sqlite_bytes(content, territory),
                                mimetype="application/vnd.sqlite3")
    audit("export", object_type="observatory",
          detail={"area": area, "period": str(period), "format": fmt, "language": lang})
    return exports.attachment(response, f"{name}.{fmt}")
