"""Team pages: my queue, a team's queue, the appointments diary, permits expiring soon."""

from datetime import datetime, time, timedelta

from flask import abort, redirect, render_template, request, url_for
from flask_babel import to_utc
from flask_login import current_user, login_required

from ..common.clock import today
from ..common.pagination import paginate
from ..models import permits
from ..models.staff import find_team, speakers_among, team_members
from ..network import follow_up_services
from ..policy import can, can_work_team, require
from . import queries
from .blueprint import bp
from .forms import DiaryFilterForm, QueueFilterForm
from .queries import QueueFilters


def _team_or_404(team_kind: str):
    require(can(current_user, "work_queue"))
    site = queries.user_site(current_user, request.args.get("site"))
    team = find_team(site, team_kind)
    if team is None:
        abort(404)
    require(can_work_team(current_user, team))
    return team


@bp.route("/teams/")
@login_required
def my_queue():
    require(can(current_user, "work_queue"))
    own = [t for t in current_user.teams if can_work_team(current_user, t)]
    if len(own) == 1 and not current_user.has_role("supervisor"):
        team = own[0]
        return redirect(url_for("teamwork.queue", team_kind=team.kind, site=team.site.code))
    return render_template("teamwork/choose_team.html", teams=queries.workable_teams(current_user),
                           follow_ups=follow_up_services.due_today(current_user, mine=True),
                           today=today())


@bp.route("/teams/<team_kind>/queue")
@login_required
def queue(team_kind):
    team = _team_or_404(team_kind)
    members = team_members(team)
    form = QueueFilterForm(members=members, formdata=request.args)
    filters = QueueFilters(**{name: getattr(form, name).data or None
                              for name in ("status", "assignee", "need", "language")})
    pagination = paginate(queries.team_queue(current_user, team, filters), per_page=50)
    pagination.items = queries.queue_page(current_user, team, pagination.items)
    interpreters = speakers_among(
        members, {r.interpreter_language for r in pagination.items})
    return render_template(
        "teamwork/queue.html", team=team, form=form, pagination=pagination, today=today(),
        members=members, interpreters=interpreters,
        follow_ups=follow_up_services.due_today(current_user, mine=True))


@bp.route("/teams/appointments")
@login_required
def appointments():
    require(can(current_user, "book_appointment"))
    teams = queries.workable_teams(current_user)
    if not teams:
        abort(404)
    form = DiaryFilterForm(teams=teams, formdata=request.args)
    team = next((t for t in teams if str(t.id) == form.team.data), teams[0])
    form.team.data = str(team.id)
    day = form.day.data if form.validate() and form.day.data else today()
    span = "week" if form.span.data == "week" else "day"
    start = queries.week_start(day) if span == "week" else day
    end = start + timedelta(days=7 if span == "week" else 1)
    rows = queries.team_appointments(current_user, team, to_utc(datetime.combine(start, time())),
                                      to_utc(datetime.combine(end, time())))
    return render_template("teamwork/appointments.html", form=form, team=team, rows=rows,
                           start=start, end=end - timedelta(days=1), span=span)


@bp.route("/teams/<team_kind>/expiring")
@login_required
def expiring(team_kind):
    team = _team_or_404(team_kind)
    pagination = paginate(queries.documents_to_renew(current_user, team), per_page=100)
    cases = queries.latest_visible_cases(current_user,
                                          {d.person_id for d in pagination.items})
    return render_template("teamwork/expiring.html", team=team, pagination=pagination,
                           cases=cases, days=permits.EXPIRY_WINDOW_DAYS, today=today())
