"""The care plan: goals per dimension, and case conferences.
"""


from flask import abort, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..common.formflow import handle_form
from ..models import receipts
from ..models.staff import site_teams
from ..policy import can, get_case_or_404, get_goal_or_404, require
from . import services as careplan
from .blueprint import bp
from .forms import ConferenceForm, GoalForm


@bp.route("/cases/<int:case_id>/goals/new", methods=["GET", "POST"])
@login_required
def add_goal(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "edit_care_plan"))
    form = GoalForm()
    return handle_form(
        form, lambda: careplan.add_goal(current_user, case, **_goal_data(form)),
        done=_("Goal added to the care plan."),
        success_url=url_for("cases.case_detail", case_id=case.id, _anchor="care-plan"),
        template="careplan/goal_form.html", once=receipts, case=case, goal=None)


@bp.route("/cases/<int:case_id>/goals/<int:goal_id>", methods=["GET", "POST"])
@login_required
def edit_goal(case_id, goal_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "edit_care_plan"))
    goal = get_goal_or_404(current_user, goal_id)
    if goal.case_id != case.id:
        abort(404)
    form = GoalForm(obj=goal, version=goal.version)
    return handle_form(
        form, lambda: careplan.update_goal(current_user, case, goal, form.version.data,
                                           **_goal_data(form)),
        done=_("Care plan updated."), success_url=url_for("cases.case_detail", case_id=case.id, _anchor="care-plan"),
        template="careplan/goal_form.html", versioned=goal, case=case, goal=goal)


def _goal_data(form) -> dict:
    return {"dimension": form.dimension.data, "goal": form.goal.data,
            "actions": form.actions.data, "status": form.status.data,
            "review_date": form.review_date.data}


@bp.route("/cases/<int:case_id>/conferences/new", methods=["GET", "POST"])
@login_required
def add_conference(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "edit_care_plan"))
    teams = site_teams(case)
    form = ConferenceForm(teams=teams)
    return handle_form(
        form, lambda: careplan.hold_conference(
            current_user, case, held_on=form.held_on.data, decisions=form.decisions.data,
            teams=[t for t in teams if t.id in (form.teams.data or [])]),
        done=_("Case conference recorded."),
        success_url=url_for("cases.case_detail", case_id=case.id, _anchor="care-plan"),
        template="careplan/conference_form.html", once=receipts, case=case)
