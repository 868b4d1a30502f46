"""Which teams a need goes to: the one mapping the desk's suggestions come from."""

from ..vocab.codes import NEEDS, REFERRAL_REASONS, TEAM_KINDS

# need code -> team kinds that can help with it.
NEED_TEAMS: dict[str, tuple[str, ...]] = {
    "documents": ("legal",),
    "asylum": ("legal",),
    "family_reunification": ("legal",),
    "legal_advice": ("legal",),
    "housing": ("social",),
    "income": ("social",),
    "work": ("social",),
    "education": ("social",),
    "italian_course": ("social",),
    "health": ("health",),
    "mental_health": ("health",),
    "language_barrier": ("mediation",),
    "violence": ("social", "legal"),
    "other": (),
}

# The reason pre-selected for a team, from the first need that sends the case there.
NEED_REASONS: dict[str, str] = {
    "documents": "documents", "asylum": "documents", "family_reunification": "documents",
    "legal_advice": "legal_advice", "housing": "housing", "income": "income", "work": "work",
    "education": "assessment", "italian_course": "assessment", "health": "health_access",
    "mental_health": "health_access", "language_barrier": "interpreting",
    "violence": "protection",
}
DEFAULT_REASONS = {"mediation": "interpreting", "health": "health_access"}

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
            taken = team.configured_needs or [n for n, kinds in NEED_TEAMS.items()
                                              if team.kind in kinds]
            for need in taken:
                self.need_teams[need] = (*self.need_teams.get(need, ()), team.kind)

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
