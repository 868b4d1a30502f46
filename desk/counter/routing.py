"""Which teams a need goes to: the built-in mapping (vocab.routing) or, for a site, what its
administrator configured on its teams."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models.sites import Team
from ..vocab.codes import NEEDS, REFERRAL_REASONS, TEAM_KINDS
from ..vocab.routing import DEFAULT_REASONS, NEED_REASONS, NEED_TEAMS

__all__ = ["DEFAULT_REASONS", "NEED_REASONS", "NEED_TEAMS", "SiteRouting", "needs_for_team",
           "suggest_reason", "suggest_teams"]

assert set(NEED_TEAMS) == set(NEEDS), "every need must say where it goes"
assert set(NEED_REASONS.values()) <= set(REFERRAL_REASONS)


def suggest_teams(needs, interpreter_needed: bool = False) -> list[str]:
    """Team kinds suggested for these needs, in the usual order social, legal, health, mediation."""
    wanted = {kind for need in needs for kind in NEED_TEAMS.get(need, ())}
    if interpreter_needed:
        wanted.add("mediation")
    return [kind for kind in TEAM_KINDS if kind in wanted]


def suggest_reason(team_kind: str, needs) -> str:
    for need in needs:
        if team_kind in NEED_TEAMS.get(need, ()) and need in NEED_REASONS:
            return NEED_REASONS[need]
    return DEFAULT_REASONS.get(team_kind, "assessment")


def needs_for_team(team_kind: str, needs) -> list[str]:
    return [need for need in needs if team_kind in NEED_TEAMS.get(need, ())]


class SiteRouting:
    """The routing of one site as its administrator configured it: the needs each active team
    takes (a team with none configured takes the built-in ones of its kind, above), in the
    order social, legal, health, mediation, then the site's own kinds."""

    def __init__(self, teams):
        order = {kind: i for i, kind in enumerate(TEAM_KINDS)}
        self.teams = sorted((t for t in teams if t.retired_at is None),
                            key=lambda t: (order.get(t.kind, len(order)), t.id))
        self.kinds = [team.kind for team in self.teams]
        self.need_teams: dict[str, tuple[str, ...]] = {}
        for team in self.teams:
            for need in team.routed_needs:
                self.need_teams[need] = (*self.need_teams.get(need, ()), team.kind)

    @classmethod
    def of_site(cls, site_id: int) -> "SiteRouting":
        """The routing of a site read in three statements: its active teams, then the labels
        and the needs of all of them (not one statement per team)."""
        return cls(db.session.scalars(
            select(Team).where(Team.site_id == site_id, Team.retired_at.is_(None))
            .options(selectinload(Team.label_rows), selectinload(Team.need_rows))))

    def suggest_teams(self, needs, interpreter_needed: bool = False) -> list[str]:
        wanted = {kind for need in needs for kind in self.need_teams.get(need, ())}
        if interpreter_needed and "mediation" in self.kinds:
            wanted.add("mediation")
        return [kind for kind in self.kinds if kind in wanted]

    def suggest_reason(self, team_kind: str, needs) -> str:
        for need in needs:
            if team_kind in self.need_teams.get(need, ()) and need in NEED_REASONS:
                return NEED_REASONS[need]
        return DEFAULT_REASONS.get(team_kind, "assessment")

    def needs_for_team(self, team_kind: str, needs) -> list[str]:
        return [need for need in needs if team_kind in self.need_teams.get(need, ())]
