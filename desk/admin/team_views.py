"""The teams of a site: create, name per locale, needs routed to them, service levels, retire."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..common.formflow import attempt, handle_form
from ..extensions import db
from ..models.sites import Site, Team
from ..models.vocabulary import offered_choices
from ..vocab.codes import NEEDS, PRIORITIES
from . import team_services as teams
from .blueprint import bp, configures
from .config_forms import NewTeamForm, TeamForm
from .forms import ConfirmForm


def _team_or_404(team_id: int) -> Team:
    return db.session.get(Team, team_id) or abort(404)


@bp.route("/sites/<int:site_id>/teams/new", methods=["GET", "POST"])
@configures
def new_team(site_id: int):
    site = db.session.get(Site, site_id) or abort(404)
    form = NewTeamForm()
    made = []
    return handle_form(
        form, lambda: made.append(teams.create_team(current_user, site, kind=form.kind.data,
                                                    labels=form.labels())),
        done=_l("The team has been created: choose the needs that route to it."),
        success_url=lambda: url_for("admin.edit_team", team_id=made[0].id),
        template="admin/team_new.html", site=site)


def _prefill(form: TeamForm, team: Team) -> None:
    if form.is_submitted():
        return
    for locale, name in team.labels.items():
        if f"label_{locale}" in form:
            form[f"label_{locale}"].data = name
    form.needs.data = team.routed_needs
    for priority in PRIORITIES:
        form[f"days_{priority}"].data = team.due_days(priority)


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@configures
def edit_team(team_id: int):
    team = _team_or_404(team_id)
    form = TeamForm()
    form.needs.choices = offered_choices(team.site.province, "need", NEEDS)
    _prefill(form, team)
    return handle_form(
        form, lambda: teams.update_team(
            current_user, team, labels=form.labels(), needs=form.needs.data or [],
            service_levels={p: form[f"days_{p}"].data for p in PRIORITIES}),
        done=_l("The team has been saved: new referrals follow it."),
        success_url=url_for("admin.edit_team", team_id=team.id),
        template="admin/team_form.html", team=team, members=teams.members(team),
        confirm=ConfirmForm())


@bp.route("/teams/<int:team_id>/retired", methods=["POST"])
@configures
def retire_team(team_id: int):
    team = _team_or_404(team_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    retire = request.form.get("retired") == "1"
    if attempt(lambda: teams.set_team_retired(current_user, team, retire)) is None:
        flash(_("The team has been retired: no new referral goes to it; its referrals stay.")
              if retire else _("The team is in use again."), "success")
    return redirect(url_for("admin.edit_team", team_id=team.id))
