"""Team pages: my queue, a team's queue, the appointments diary, permits expiring soon."""

from datetime import datetime, time, timedelta

from flask import abort, redirect, render_template, request, url_for
from flask_babel import to_utc
from flask_login import current_user, login_required

from ..auth.rules import can, can_work_team, require
from ..pagination import paginate
from ..people import permits
from ..timeutil import today
from . import bp, services
from .forms import DiaryFilterForm, QueueFilterForm
from .services import QueueFilters


def _team_or_404(team_kind: str):
    require(can(current_user, "work_queue"))
    site = services.user_site(current_user, request.args.get("site"))
    team = services.find_team(site, team_kind)
    if team is None:
        abort(404)
    require(can_work_team(current_user, team))
    return team


@bp.route("/")
@login_required
def my_queue():
    require(can(current_user, "work_queue"))
    own = [t for t in current_user.teams if can_work_team(current_user, t)]
    if len(own) == 1 and not current_user.has_role("supervisor"):
        team = own[0]
        return redirect(url_for("teams.queue", team_kind=team.kind, site=team.site.code))
    return render_template("teams/choose_team.html", teams=services.workable_teams(current_user))


@bp.route("/<team_kind>/queue")
@login_required
def queue(team_kind):
    team = _team_or_404(team_kind)
    members = services.team_members(team)
    form = QueueFilterForm(members=members, formdata=request.args)
    filters = QueueFilters(**{name: getattr(form, name).data or None
                              for name in ("status", "assignee", "need", "language")})
    pagination = paginate(services.team_queue(current_user, team, filters), per_page=50)
    pagination.items = services.load_referrals(pagination.items)
    interpreters = services.speakers_among(
        members, {r.interpreter_language for r in pagination.items})
    return render_template(
        "teams/queue.html", team=team, form=form, pagination=pagination, today=today(),
        members=members, interpreters=interpreters)


@bp.route("/appointments")
@login_required
def appointments():
    require(can(current_user, "book_appointment"))
    teams = services.workable_teams(current_user)
    if not teams:
        abort(404)
    form = DiaryFilterForm(teams=teams, formdata=request.args)
    team = next((t for t in teams if str(t.id) == form.team.data), teams[0])
    form.team.data = str(team.id)
    day = form.day.data if form.validate() and form.day.data else today()
    span = "week" if form.span.data == "week" else "day"
    start = services.week_start(day) if span == "week" else day
    end = start + timedelta(days=7 if span == "week" else 1)
    rows = services.team_appointments(current_user, team, to_utc(datetime.combine(start, time())),
                                      to_utc(datetime.combine(end, time())))
    return render_template("teams/appointments.html", form=form, team=team, rows=rows,
                           start=start, end=end - timedelta(days=1), span=span)


@bp.route("/<team_kind>/expiring")
@login_required
def expiring(team_kind):
    team = _team_or_404(team_kind)
    pagination = paginate(services.documents_to_renew(current_user, team), per_page=100)
    cases = services.latest_visible_cases(current_user,
                                          {d.person_id for d in pagination.items})
    return render_template("teams/expiring.html", team=team, pagination=pagination,
                           cases=cases, days=permits.EXPIRY_WINDOW_DAYS, today=today())
