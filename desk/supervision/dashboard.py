"""The dashboard's tables, built from the SQL aggregates, with labels in the reader's locale
and a drill-down link behind each number."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import select

from ..common.query_links import QueryLinks
from ..extensions import db
from ..models.sites import Site, Team
from ..vocab.codes import APPOINTMENT_OUTCOMES, CASE_STATUSES, CHANNELS, DECLINE_REASONS, NEEDS, TEAM_KINDS, label
from ..vocab.names import country_name, language_name
from . import flows, metrics
from .scope import Scope
from .tables import Cell, Column, Table


def team_label(kind: str, name: str, site_code: str | None = None) -> str:
    text = label(TEAM_KINDS, kind) if kind in TEAM_KINDS else name
    return f"{text} · {site_code}" if site_code else text


class Builder:
    def __init__(self, scope: Scope):
        self.scope = scope
        sites = db.session.query(Site).filter(Site.id.in_(scope.site_ids)).all()
        self.site_codes = {s.id: s.code for s in sites}
        self.site_names = {s.id: s.name for s in sites}
        self.several_sites = len(sites) > 1
        self._caseload = None
        self.links = QueryLinks(**scope.query_args())

    def caseload(self) -> tuple[list[dict], list[dict]]:
        """Caseload per team and per worker, queried once for the tables that show it."""
        if self._caseload is None:
            self._caseload = metrics.caseload(self.scope)
        return self._caseload

    def teams(self) -> list[dict]:
        return self.caseload()[0]

    def link(self, endpoint: str, **args) -> str:
        return self.links.get(f"supervision.{endpoint}", **args)

    def team_cell(self, row) -> Cell:
        site = self.site_codes.get(row["site_id"]) if self.several_sites else None
        return Cell(team_label(row["kind"], row["name"], site), code=row["kind"])

    def number(self, value, endpoint: str, **args) -> Cell:
        return Cell(value, href=self.link(endpoint, **args))

    # --- caseload ---------------------------------------------------------------------------

    def open_cases(self) -> Table:
        table = Table("open_cases", _("Open cases"), [
            Column("site", _("Site")), Column("status", _("Status")),
            Column("count", _("Cases"), numeric=True),
        ], chart_label=(1, 0) if self.several_sites else 1, chart_value=2,
            empty=_("No open cases."))
        for site_id, status, count in metrics.open_cases(self.scope):
            table.add(Cell(self.site_names[site_id], code=self.site_codes[site_id]),
                      Cell(label(CASE_STATUSES, status), code=status),
                      self.number(count, "cases", status=status, site=site_id))
        return table

    def permits(self) -> Table:
        table = Table("permits", _("Residence documents to renew"), [
            Column("site", _("Site")), Column("expired", _("Expired"), True),
            Column("expiring", _("Expiring within 60 days"), True),
        ], chart_value=1, empty=_("No residence document has expired or expires soon."))
        legal = self.sites_with_legal_team()
        for site_id, expired, expiring in metrics.permit_renewals(self.scope):
            code = self.site_codes[site_id]
            href = (url_for("teamwork.expiring", team_kind="legal", site=code)
                    if site_id in legal else None)
            table.add(Cell(self.site_names[site_id], code=code),
                      Cell(expired, href=href), Cell(expiring, href=href))
        return table

    def sites_with_legal_team(self) -> set[int]:
        """The chosen sites that have a legal team (whose list of permits a number opens)."""
        return set(db.session.scalars(select(Team.site_id).where(
            Team.site_id.in_(self.scope.site_ids), Team.kind == "legal")))

    def team_tables(self) -> list[Table]:
        rows = self.teams()
        load = Table("caseload_team", _("Open referrals per team"), [
            Column("team", _("Team")), Column("pending", pgettext("referral count", "Pending"), True),
            Column("accepted", pgettext("referral count", "Accepted"), True),
            Column("open", pgettext("referral count", "Open"), True),
            Column("overdue", pgettext("referral count", "Overdue"), True),
        ], chart_value=3)
        ageing = Table("ageing_team", _("Referral ageing per team (days since referral)"), [
            Column("team", _("Team")),
            *[Column(f"age_{key}", key.replace("31+", ">30").replace("-", "–"), True)
              for key, *_ in metrics.AGE_BUCKETS],
            Column("overdue", pgettext("referral count", "Overdue"), True),
        ], chart_value=5, caption=_("Overdue: due date passed, still pending or accepted."))
        for row in rows:
            team = row["id"]
            load.add(self.team_cell(row),
                     self.number(row["pending"], "referrals", team=team, state="pending"),
                     self.number(row["accepted"], "referrals", team=team, state="accepted"),
                     self.number(row["open"], "referrals", team=team, state="open"),
                     self.number(row["overdue"], "referrals", team=team, overdue=1))
            ageing.add(self.team_cell(row),
                       *[self.number(row[f"age_{key}"], "referrals", team=team, state="open",
                                     age=key) for key, *_ in metrics.AGE_BUCKETS],
                       self.number(row["overdue"], "referrals", team=team, overdue=1))
        return [load, ageing]

    def workers(self) -> Table:
        table = Table("caseload_worker", _("Open referrals per worker"), [
            Column("worker", _("Worker")), Column("team", _("Team")),
            Column("open", pgettext("referral count", "Open"), True),
            Column("overdue", pgettext("referral count", "Overdue"), True),
        ], chart_label=(0, 1), chart_value=2, empty=_("No open referrals."))
        for row in self.caseload()[1]:
            worker = row["worker"] or _("Not assigned")
            who = row["assignee_id"] if row["assignee_id"] is not None else "none"
            team = self.team_cell({**row, "name": row["team_name"]})
            table.add(Cell(worker, code=str(row["assignee_id"] or "")), team,
                      self.number(row["open"], "referrals", team=row["team_id"], assignee=who,
                                  state="open"),
                      self.number(row["overdue"], "referrals", team=row["team_id"],
                                  assignee=who, overdue=1))
        return table

    def medians(self) -> Table:
        accepted = metrics.median_days(self.scope, "accepted")
        completed = metrics.median_days(self.scope, "completed")
        table = Table("waiting_times", _("Median days from referral to acceptance and to "
                                         "completion"), [
            Column("team", _("Team")),
            Column("to_accept", _("Days to acceptance (median)"), True),
            Column("accepted", _("Accepted in the period"), True),
            Column("to_complete", _("Days to completion (median)"), True),
            Column("completed", _("Completed in the period"), True),
        ], chart_value=1, caption=_("Referrals accepted or completed within the period."))
        for row in self.teams():
            team = row["id"]
            acc_days, acc_n = accepted.get(team, (None, 0))
            com_days, com_n = completed.get(team, (None, 0))
            table.add(self.team_cell(row),
                      Cell(round(acc_days, 1) if acc_days is not None else None),
                      self.number(acc_n, "referrals", team=team, reached="accepted"),
                      Cell(round(com_days, 1) if com_days is not None else None),
                      self.number(com_n, "referrals", team=team, reached="completed"))
        return table

    # --- flows ------------------------------------------------------------------------------

    def accesses(self) -> Table:
        rows = flows.accesses_per_week(self.scope)
        weeks = sorted({week for week, _c, _n in rows})
        counts = {(week, channel): n for week, channel, n in rows}
        table = Table("accesses_week", _("Accesses per week by channel"), [
            Column("week", _("Week starting")),
            *[Column(code, label(CHANNELS, code), True) for code in CHANNELS],
            Column("total", _("All channels"), True),
        ], chart_value=len(CHANNELS) + 1, empty=_("No accesses in the period."))
        for week in weeks:
            cells = [self.number(counts.get((week, code), 0), "accesses", week=week, channel=code)
                     for code in CHANNELS]
            total = sum(counts.get((week, code), 0) for code in CHANNELS)
            table.add(Cell(week), *cells, self.number(total, "accesses", week=week))
        return table

    def needs(self) -> list[Table]:
        spec = (
            ("needs_category", _("Needs expressed, by category"), _("Need"),
             flows.needs_by_category, lambda c: label(NEEDS, c), "need"),
            ("needs_nationality", _("Needs expressed, by nationality"), _("Nationality"),
             flows.needs_by_nationality, country_name, "nationality"),
            ("needs_language", _("Needs expressed, by language"), _("Language"),
             flows.needs_by_language, language_name, "language"),
        )
        tables = []
        for key, title, heading, query, name, arg in spec:
            times = Column("count", pgettext("number of times", "Times"), True)
            table = Table(key, title, [Column(arg, heading), times],
                          chart_value=1, empty=_("No needs recorded in the period."))
            for code, count in query(self.scope):
                text = name(code) if code else _("Not recorded")
                table.add(Cell(text, code=code or ""),
                          self.number(count, "accesses", **{arg: code or "none"}))
            tables.append(table)
        return tables

    def interpreters(self) -> Table:
        table = Table("interpreter_demand", _("Interpreter demand by language"), [
            Column("language", _("Language")),
            Column("appointments", _("Appointments with interpreter"), True),
            Column("hours", _("Mediator hours"), True),
            Column("mediators", _("Mediators who speak it"), True),
            Column("requested", _("Interpreter requests"), True),
            Column("confirmed", _("Interpreters confirmed"), True),
            Column("declined", _("Interpreter requests declined"), True),
        ], chart_value=2, empty=_("No appointments with an interpreter in the period."))
        for row in flows.interpreter_demand(self.scope):
            table.add(Cell(language_name(row["language"]), code=row["language"]),
                      self.number(row["appointments"], "appointments",
                                  interpreter=row["language"]),
                      Cell(row["hours"]), Cell(row["mediators"]),
                      *[Cell(row[key]) for key in ("requested", "confirmed", "declined")])
        return table

    def appointments(self) -> Table:
        table = Table("appointments", _("Appointments attended and missed"), [
            Column("team", _("Team")),
            Column("attended", label(APPOINTMENT_OUTCOMES, "attended"), True),
            Column("missed", label(APPOINTMENT_OUTCOMES, "no_show"), True),
            Column("unrecorded", _("No outcome recorded"), True),
        ], chart_value=2, empty=_("No appointments in the period."))
        for row in flows.appointment_outcomes(self.scope):
            team = row["team_id"]
            table.add(self.team_cell(row),
                      self.number(row["attended"], "appointments", team=team, outcome="attended"),
                      self.number(row["missed"], "appointments", team=team, outcome="no_show"),
                      self.number(row["unrecorded"], "appointments", team=team, outcome="none"))
        return table

    def declined(self) -> Table:
        table = Table("declined", _("Declined referrals and their reasons"), [
            Column("reason", _("Reason")), Column("count", _("Referrals"), True),
        ], chart_value=1, empty=_("No referrals declined in the period."))
        for reason, count in flows.declined_referrals(self.scope):
            table.add(Cell(label(DECLINE_REASONS, reason) or _("Not recorded"), code=reason),
                      self.number(count, "referrals", reached="declined", reason=reason))
        return table


def dashboard_tables(scope: Scope) -> list[Table]:
    build = Builder(scope)
    return [
        build.open_cases(), *build.team_tables(), build.workers(), build.medians(),
        build.accesses(), *build.needs(), build.interpreters(), build.appointments(),
        build.declined(), build.permits(),
    ]


def dashboard_table(scope: Scope, key: str) -> Table | None:
    return next((t for t in dashboard_tables(scope) if t.key == key), None)


def _column(table: Table, key: str) -> int:
    return next(i for i, c in enumerate(table.columns) if c.key == key)


def headline(tables: list[Table]) -> dict:
    """The few figures shown first: what is open, what is late, who is busiest, which
    language needs most mediator time. Read from the tables already built (no new query)."""
    by_key = {t.key: t for t in tables}
    cases, load, languages = by_key["open_cases"], by_key["caseload_team"], by_key[
        "interpreter_demand"]
    open_i, overdue_i = _column(load, "open"), _column(load, "overdue")
    busiest = max(load.rows, key=lambda r: r[open_i].value, default=None)
    permits = by_key["permits"]
    return {
        "expired_permits": sum(r[_column(permits, "expired")].value for r in permits.rows),
        "open_cases": sum(r[_column(cases, "count")].value for r in cases.rows),
        "open_referrals": sum(r[open_i].value for r in load.rows),
        "overdue": sum(r[overdue_i].value for r in load.rows),
        "busiest": busiest if busiest and busiest[open_i].value else None,
        "busiest_open": busiest[open_i].value if busiest else 0,
        "language": languages.rows[0] if languages.rows else None,
    }
