"""The sheets: the library and its reviews, a territory's local parts, and the sheet printed
for a person in their language."""

from babel.dates import get_day_names
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..audit.services import audit
from ..common.clock import today
from ..common.formflow import attempt
from ..common.print_languages import print_choice, render_copies
from ..common.transactions import read_only
from ..extensions import db
from ..models.directory import Organisation, Service
from ..vocab import procedures as library
from . import queries, services
from .blueprint import bp
from .forms import local_parts_form


def day_names() -> list[str]:
    names = get_day_names("wide", locale=str(get_locale() or "it"))
    return [names[i] for i in range(7)]


def _sheet_or_404(code: str):
    sheet = library.get(code)
    if sheet is None:
        abort(404)
    return sheet


@bp.app_template_global()
def procedure_offers(person, needs):
    """For the intake and the slip: the sheets these needs offer the person."""
    if not policy.can(current_user, "view_procedures"):
        return []
    return queries.offers(person, needs, today())


@bp.app_template_global()
def places_label(code: str) -> str:
    return str(library.PLACES.get(code, code))


@bp.app_template_global()
def item_label(code: str) -> str:
    return str(library.ITEMS.get(code, code))


@bp.route("/procedures/")
@login_required
@read_only
def library_page():
    policy.require_capability(current_user, "view_procedures")
    return render_template("procedures/library.html",
                           statuses=queries.library_status(current_user, today()),
                           provinces=sorted(policy.procedure_provinces(current_user)),
                           may_manage=policy.can(current_user, "manage_procedures"))


@bp.route("/procedures/<code>")
@login_required
@read_only
def sheet_page(code):
    policy.require_capability(current_user, "view_procedures")
    sheet = _sheet_or_404(code)
    provinces = sorted(policy.procedure_provinces(current_user))
    province = request.args.get("province") or (provinces[0] if provinces else None)
    province = policy.get_province_or_404(current_user, province)
    local = queries.local_parts(current_user, province, code)
    return render_template("procedures/sheet.html", sheet=sheet, province=province,
                           provinces=provinces, local=local, day_names=day_names(),
                           steps=queries.local_steps(sheet, local),
                           regional=queries.regional_review(code), today=today(),
                           may_manage=policy.can(current_user, "manage_procedures"))


@bp.route("/procedures/<code>/review", methods=["POST"])
@login_required
def review_sheet(code):
    policy.require_capability(current_user, "manage_procedures")
    sheet = _sheet_or_404(code)
    services.review_regional(current_user, sheet, today())
    flash(_("The regional text of the sheet is marked as reviewed today."), "success")
    return redirect(url_for("procedures.sheet_page", code=code))


def _directory_of(province: str) -> list[Service]:
    return list(db.session.scalars(policy.visible_services(current_user).join(Organisation)
                                   .where(Organisation.province == province)
                                   .order_by(Organisation.name, Service.name)))


@bp.route("/procedures/<code>/local/<province>", methods=["GET", "POST"])
@login_required
def edit_local(code, province):
    policy.require_capability(current_user, "manage_procedures")
    sheet = _sheet_or_404(code)
    province = policy.get_province_or_404(current_user, province)
    local = queries.local_parts(current_user, province, code)
    form = local_parts_form(sheet, _directory_of(province), local)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            status = attempt(lambda: services.save_local(
                current_user, province, sheet, form.local_data(sheet), today()), form, local)
            if status is None:
                flash(_("Local parts saved."), "success")
                return redirect(url_for("procedures.sheet_page", code=code, province=province))
    return render_template("procedures/local_form.html", sheet=sheet, province=province,
                           form=form, local=local), status


def _person_sheet(person_id: int, code: str):
    person = policy.get_person_or_404(current_user, person_id)
    policy.require_capability(current_user, "print_slip")
    return person, _sheet_or_404(code)


@bp.route("/people/<int:person_id>/procedures/<code>")
@login_required
def person_sheet(person_id, code):
    """The sheet for the person, in their language, with their dates and the local offices."""
    person, sheet = _person_sheet(person_id, code)
    site = person.site
    choice = print_choice(person, site)
    local = queries.local_parts(current_user, site.province, code)
    copies = render_copies("procedures/_sheet_body.html", choice.languages, person=person,
                           site=site, sheet=sheet, steps=queries.local_steps(sheet, local),
                           checklist=queries.checklist(sheet), items=library.ITEMS,
                           places=library.PLACES,
                           dates=queries.personal_dates(person, sheet, today()),
                           day_names_of=day_names, printed_on=today())
    audit("view", person, detail={"procedure_sheet": code, "languages": list(choice.languages)})
    return render_template("procedures/person_sheet.html", person=person, sheet=sheet,
                           choice=choice, copies=copies,
                           autoprint=request.args.get("print") == "1")


@bp.route("/people/<int:person_id>/procedures/<code>/give", methods=["POST"])
@login_required
def give_sheet(person_id, code):
    """Print the sheet and record that the person was given it."""
    person, sheet = _person_sheet(person_id, code)
    choice = print_choice(person, person.site)
    case = services.give_sheet(current_user, person, sheet, choice.languages,
                               person.site.province)
    if case is not None:
        flash(_("The sheet given is recorded on the case's timeline."), "success")
    return redirect(url_for("procedures.person_sheet", person_id=person.id, code=code, print=1,
                            **choice.query))
