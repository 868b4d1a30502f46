"""Territories and sites: list, create, change, retire (manage_config; no case content)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..common.formflow import attempt, handle_form
from ..common.i18n import is_rtl, locale_name
from ..extensions import db
from ..models.sites import Site, Territory
from . import territory_services as territories
from .blueprint import bp, configures
from .config_forms import NewSiteForm, NewTerritoryForm, SiteForm, TerritoryForm
from .forms import ConfirmForm


@bp.context_processor
def label_helpers():
    return {"locale_name": locale_name, "is_rtl": is_rtl}


def _territory_or_404(territory_id: int) -> Territory:
    return db.session.get(Territory, territory_id) or abort(404)


def _site_or_404(site_id: int) -> Site:
    return db.session.get(Site, site_id) or abort(404)


def _site_data(form, code: str) -> territories.SiteData:
    return territories.SiteData(code=code, name=form.name.data, province=form.province.data,
                                address=form.address.data, phone=form.phone.data,
                                opening_hours=form.opening_hours.data)


def _open_territories(keep: str | None = None) -> list[Territory]:
    return [t for t in territories.territories() if t.retired_at is None or t.code == keep]


@bp.route("/territories")
@configures
def territory_list():
    sites = territories.sites()
    return render_template("admin/territories.html", territories=territories.territories(),
                           sites_of=lambda t: [s for s in sites if s.province == t.code],
                           orphans=[s for s in sites if territories.territory_by_code(s.province)
                                    is None])


@bp.route("/territories/new", methods=["GET", "POST"])
@configures
def new_territory():
    form = NewTerritoryForm()
    made = []
    return handle_form(
        form, lambda: made.append(territories.create_territory(
            current_user, code=form.code.data, name=form.name.data, region=form.region.data)),
        done=_l("The territory has been created: now create its sites."),
        success_url=lambda: url_for("admin.new_site", province=made[0].code),
        template="admin/territory_form.html", territory=None)


@bp.route("/territories/<int:territory_id>", methods=["GET", "POST"])
@configures
def edit_territory(territory_id: int):
    territory = _territory_or_404(territory_id)
    form = TerritoryForm(obj=territory)
    return handle_form(
        form, lambda: territories.update_territory(current_user, territory, name=form.name.data,
                                                   region=form.region.data),
        done=_l("The territory has been saved."),
        success_url=url_for("admin.edit_territory", territory_id=territory.id),
        template="admin/territory_form.html", territory=territory, confirm=ConfirmForm(),
        sites=territories.territory_sites(territory))


@bp.route("/territories/<int:territory_id>/retired", methods=["POST"])
@configures
def retire_territory(territory_id: int):
    territory = _territory_or_404(territory_id)
    retire = _retire_choice()
    if attempt(lambda: territories.set_territory_retired(current_user, territory, retire)) is None:
        flash(_("The territory has been retired.") if retire else
              _("The territory is in use again."), "success")
    return redirect(url_for("admin.edit_territory", territory_id=territory.id))


@bp.route("/sites/new", methods=["GET", "POST"])
@configures
def new_site():
    form = NewSiteForm(territories=_open_territories())
    if not form.is_submitted() and request.args.get("province"):
        form.province.data = request.args["province"][:2].upper()
    made = []
    return handle_form(
        form, lambda: made.append(territories.create_site(
            current_user, _site_data(form, form.code.data), with_teams=form.teams.data or ())),
        done=_l("The site has been created."),
        success_url=lambda: url_for("admin.edit_site", site_id=made[0].id),
        template="admin/site_form.html", site=None)


@bp.route("/sites/<int:site_id>", methods=["GET", "POST"])
@configures
def edit_site(site_id: int):
    site = _site_or_404(site_id)
    form = SiteForm(obj=site, territories=_open_territories(keep=site.province))
    return handle_form(
        form, lambda: territories.update_site(current_user, site, _site_data(form, site.code)),
        done=_l("The site has been saved: its prints show the new details."),
        success_url=url_for("admin.edit_site", site_id=site.id),
        template="admin/site_form.html", site=site, confirm=ConfirmForm())


@bp.route("/sites/<int:site_id>/retired", methods=["POST"])
@configures
def retire_site(site_id: int):
    site = _site_or_404(site_id)
    retire = _retire_choice()
    if attempt(lambda: territories.set_site_retired(current_user, site, retire)) is None:
        flash(_("The site has been retired; its records stay as they are.") if retire else
              _("The site is in use again."), "success")
    return redirect(url_for("admin.edit_site", site_id=site.id))


def _retire_choice() -> bool:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return request.form.get("retired") == "1"
