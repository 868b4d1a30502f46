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
