"""The directory: find a service, look at one, add and change entries (supervisors, admins)."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from .. import policy
from ..common.clock import today
from ..common.formflow import handle_form
from ..common.transactions import read_only
from ..vocab.names import language_choices
from . import directory_io, directory_services
from .blueprint import bp
from .directory_queries import ServiceFilter, find_services
from .filters import read_filter
from .forms import ImportForm, ServiceForm, day_names

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _province() -> str:
    provinces = sorted(policy.provinces_of(current_user))
    wanted = request.values.get("province")
    if wanted:
        if wanted not in provinces:
            abort(404)
        return wanted
    if not provinces:
        abort(404)
    return provinces[0]


def search_context(wanted) -> dict:
    return {"wanted": wanted, "day_names": day_names(), "languages": language_choices(),
            "today": today()}


@bp.route("/network/services")
@login_required
@read_only
def directory():
    policy.require_capability(current_user, "view_directory")
    wanted = read_filter(request.args)
    if policy.can(current_user, "manage_directory"):
        wanted.include_inactive = request.args.get("inactive") == "1"
    return render_template("network/directory.html", services=find_services(current_user, wanted),
                           case=None, **search_context(wanted))


@bp.route("/network/services/<int:service_id>")
@login_required
@read_only
def service_detail(service_id):
    service = policy.get_service_or_404(current_user, service_id)
    return render_template("network/service.html", service=service, day_names=day_names(),
                           today=today())


@bp.route("/network/services/new", methods=["GET", "POST"])
@login_required
def add_service():
    policy.require_capability(current_user, "manage_directory")
    province = _province()
    form = ServiceForm()
    created = []
    return handle_form(
        form, lambda: created.append(directory_services.create_service(
            current_user, province, form.service_data())),
        done=_("Service added to the directory."),
        success_url=lambda: url_for("network.service_detail", service_id=created[0].id),
        template="network/service_form.html", service=None, province=province)


@bp.route("/network/services/<int:service_id>/edit", methods=["GET", "POST"])
@login_required
def edit_service(service_id):
    service = policy.get_service_or_404(current_user, service_id)
    policy.require_capability(current_user, "manage_directory")
    form = ServiceForm(obj=service, service=service, version=service.version)
    return handle_form(
        form, lambda: directory_services.update_service(current_user, service, form.version.data,
                                                        form.service_data()),
        done=_("Directory entry saved."),
        success_url=url_for("network.service_detail", service_id=service.id),
        template="network/service_form.html", versioned=service, service=service,
        province=service.organisation.province)


@bp.route("/network/services/export.<any(csv, xlsx):fmt>")
@login_required
@read_only
def export_directory(fmt):
    policy.require_capability(current_user, "manage_directory")
    province = _province()
    services = [s for s in find_services(current_user, ServiceFilter(include_inactive=True),
                                         limit=10_000) if s.organisation.province == province]
    rows = directory_io.export_rows(services)
    body, mimetype = ((directory_io.to_csv(rows), "text/csv; charset=utf-8") if fmt == "csv" else
                      (directory_io.to_xlsx(rows), XLSX_TYPE))
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = \
        f'attachment; filename="directory-{province}.{fmt}"'
    return response


@bp.route("/network/services/import", methods=["GET", "POST"])
@login_required
def import_services():
    policy.require_capability(current_user, "manage_directory")
    province = _province()
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("network/import.html", form=form, province=province,
                               check=None), 422 if form.is_submitted() else 200
    upload = form.upload.data
    try:
        table = directory_io.read_table(upload.filename or "", upload.read())
    except directory_io.UnreadableFile as problem:
        form.upload.errors = [str(problem)]
        return render_template("network/import.html", form=form, province=province,
                               check=None), 422
    check = directory_io.check_import(table, province)
    if check.refused or form.dry_run.data:
        return render_template("network/import.html", form=form, province=province,
                               check=check), 422 if check.refused else 200
    added = directory_io.import_directory(current_user, province, check)
    flash(ngettext("%(num)d service added to the directory.",
                   "%(num)d services added to the directory.", added), "success")
    return redirect(url_for("network.directory"))
