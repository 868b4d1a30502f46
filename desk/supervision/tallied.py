"""The dashboard's figures read from the figure tally (models.tally.FigureTally), for a user
who sees the whole sites: the same numbers as metrics.py and flows.py count from the raw rows
(tests/test_supervision_figure_tally.py compares them), from a few hundred rows whatever the
size of the database."""

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..models.permits import EXPIRY_WINDOW_DAYS
from ..models.sites import Team
from ..models.tally import NO_DAY, FigureTally
from ..models.users import User
from . import tally_writes
from .scope import Scope

T = FigureTally


def _rows(scope: Scope, figure: str, *columns, where=(), group=None):
    if not scope.sees_all_sites:  # the caller counts the raw rows through the access rules
        raise PermissionError("the figure tally is read only by who sees the whole sites")
    total = func.sum(T.count)
    query = (select(*columns, total.label("n"), func.sum(T.amount).label("amount"))
             .where(T.figure == figure, T.site_id.in_(scope.site_ids), *where)
             .group_by(*(group if group is not None else columns)).having(total > 0))
    tally_writes.write_pending(db.session)  # what this transaction changed, counted in
    return db.session.execute(query).all()


def _in_period(scope: Scope):
    return (T.day >= scope.start, T.day <= scope.end)


def open_cases(scope: Scope) -> list[tuple[int, str, int]]:
    rows = _rows(scope, "case", T.site_id, T.k1)
    return sorted((site, status, n) for site, status, n, _amount in rows)


def permit_renewals(scope: Scope) -> list[tuple[int, int, int]]:
    expired = T.day < scope.today
    rows = _rows(scope, "permit", T.site_id,
                 func.coalesce(func.sum(T.count).filter(expired), 0),
                 func.coalesce(func.sum(T.count).filter(~expired), 0),
                 where=(T.day <= scope.today + timedelta(days=EXPIRY_WINDOW_DAYS),),
                 group=(T.site_id,))
    return sorted((site, int(old), int(soon)) for site, old, soon, _n, _a in rows)


AGE_DAYS = (("0-2", 0, 2), ("3-7", 3, 7), ("8-30", 8, 30))


def caseload(scope: Scope, numbers: list[str]) -> list[dict]:
    """Rows as metrics.caseload's query gives them: each team of the sites with each of its
    (worker, figures), a team without open referrals once with `open` None."""
    per_worker: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(numbers, 0))
    recent = scope.today - timedelta(days=30)
    for team, status, worker, n, with_due in _rows(
            scope, "caseload", T.team_id, T.k1, T.k2, where=(T.day == NO_DAY,)):
        figures = per_worker[(team, worker)]
        figures[status] += n
        figures["open"] += n
        figures["overdue"] += int(with_due)
        figures["age_31+"] += n
    for team, worker, day, n, _amount in _rows(
            scope, "created", T.team_id, T.k2, T.day, where=(T.day >= recent,)):
        figures = per_worker[(team, worker)]
        figures["age_31+"] -= n
        age = (scope.today - day).days
        for key, low, high in AGE_DAYS:
            if low <= age <= high:
                figures[f"age_{key}"] += n
    for team, worker, n, _amount in _rows(
            scope, "due", T.team_id, T.k2, where=(T.day >= scope.today,)):
        per_worker[(team, worker)]["overdue"] -= n
    return _with_teams_and_names(scope, per_worker, numbers)


def _with_teams_and_names(scope: Scope, per_worker: dict, numbers: list[str]) -> list[dict]:
    teams = db.session.execute(select(Team.id, Team.site_id, Team.kind, Team.name)
                               .where(Team.site_id.in_(scope.site_ids))).all()
    ids = {int(worker) for _team, worker in per_worker if worker}
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()
                 ) if ids else {}
    rows = []
    for team in teams:
        workers = [(worker, figures) for (team_id, worker), figures in per_worker.items()
                   if team_id == team.id and figures["open"]]
        if not workers:
            rows.append(dict(team._mapping, assignee_id=None, worker=None, open=None))
        for worker, figures in workers:
            assignee = int(worker) if worker else None
            rows.append(dict(team._mapping, assignee_id=assignee, worker=names.get(assignee),
                             **figures))
    # As metrics.caseload orders them: the busiest first, the unassigned after the named.
    rows.sort(key=lambda r: (-(r["open"] or 0), r["worker"] is None, r["worker"] or "", r["id"]))
    return rows


def interpreter_demand(scope: Scope, mediators: dict[str, int]) -> list[dict]:
    demand = {}
    for language, n, minutes in _rows(scope, "appointment", T.k2,
                                      where=(*_in_period(scope), T.k2 != "")):
        demand[language] = {"language": language, "appointments": int(n),
                            "minutes": int(minutes), "requested": 0, "confirmed": 0,
                            "declined": 0, "mediators": mediators.get(language, 0)}
    for language, state, n, _amount in _rows(scope, "interpreter", T.k1, T.k2,
                                             where=_in_period(scope)):
        row = demand.get(language)
        if row is None:
            continue
        row["requested"] += n
        row["confirmed"] += n if state.startswith("confirmed") else 0
        row["declined"] += n if state.endswith("declined") else 0
    rows = sorted(demand.values(), key=lambda r: (-r["minutes"], r["language"]))
    return [dict(row, hours=round(row["minutes"] / 60, 2)) for row in rows]


def appointment_outcomes(scope: Scope) -> list[dict]:
    per_team: dict[int, dict] = {}
    for team_id, outcome, n, _amount in _rows(scope, "appointment", T.team_id, T.k1,
                                              where=_in_period(scope)):
        key = {"attended": "attended", "no_show": "missed", "": "unrecorded"}.get(outcome)
        figures = per_team.setdefault(team_id, {"attended": 0, "missed": 0, "unrecorded": 0})
        if key:
            figures[key] += int(n)
    if not per_team:
        return []
    teams = db.session.execute(select(Team.id, Team.site_id, Team.kind, Team.name)
                               .where(Team.id.in_(per_team))
                               .order_by(Team.site_id, Team.id)).all()
    return [{"team_id": t.id, "site_id": t.site_id, "kind": t.kind, "name": t.name,
             **per_team[t.id]} for t in teams]


def declined_referrals(scope: Scope) -> list[tuple[str | None, int]]:
    rows = _rows(scope, "declined", T.k1, where=_in_period(scope))
    return sorted(((reason or None, int(n)) for reason, n, _amount in rows),
                  key=lambda r: (-r[1], r[0] is None, r[0] or ""))


def reached(scope: Scope, stage: str) -> list[tuple[int, int, int]]:
    """(team, referrals, their minutes summed) that reached `stage` ("accepted" or
    "completed") within the period: what the cached medians are kept under."""
    rows = _rows(scope, "reached", T.team_id, where=(T.k1 == stage, *_in_period(scope)))
    return sorted((team, int(n), int(minutes)) for team, n, minutes in rows)
