"""The training record: the list and coverage, recording a training, the XLSX export."""

from flask import Response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from .. import policy
from ..audit.services import audit
from ..common.formflow import handle_form
from ..common.transactions import read_only
from ..extensions import db
from ..models import receipts
from ..models.training import Training
from ..vocab.training import REQUIRED_STREAMS, STREAMS
from .blueprint import bp
from .coverage import site_coverage, site_staff
from .export import XLSX_TYPE, coverage_workbook
from .forms import TrainingForm
from .services import record_training


def _trainings():
    return list(db.session.scalars(
        policy.visible_trainings(current_user).options(selectinload(Training.attendees))
        .order_by(Training.held_on.desc(), Training.id.desc())))


@bp.route("/")
@login_required
@read_only
def record():
    policy.require_capability(current_user, "manage_training")
    return render_template("training/record.html", coverage=site_coverage(current_user),
                           trainings=_trainings(), streams=STREAMS, required=REQUIRED_STREAMS)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_training():
    policy.require_capability(current_user, "manage_training")
    sites = sorted(current_user.sites, key=lambda site: site.name)
    site_id = request.values.get("site", type=int) or (sites[0].id if sites else 0)
    form = TrainingForm(sites, site_staff(current_user, site_id))
    if not form.is_submitted():
        form.site.data = site_id
    return handle_form(form, lambda: record_training(current_user, form.training_data()),
                       done=_("Training recorded."), success_url=url_for("training.record"),
                       template="training/form.html", once=receipts)


@bp.route("/coverage.xlsx")
@login_required
def export():
    policy.require_capability(current_user, "manage_training")
    coverage = site_coverage(current_user)
    titles = {"coverage": _("Coverage"), "missing": _("Without required streams"),
              "trainings": _("Trainings"), "site": _("Desk"), "team": _("Team"),
              "people": _("People"), "person": _("Name"), "streams": _("Streams"),
              "title": _("Title"), "stream": _("Stream"), "date": _("Date"),
              "hours": _("Hours"), "provider": _("Provider")}
    body = coverage_workbook(coverage, _trainings(), titles)
    audit("export", object_type="training", detail={"what": "training_coverage"})
    response = Response(body, mimetype=XLSX_TYPE)
    response.headers["Content-Disposition"] = "attachment; filename=training-coverage.xlsx"
    return response

