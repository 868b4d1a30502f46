"""The built-in routing: which team kinds a need goes to, and the reason pre-selected.
A site's administrator may configure its teams otherwise (models.sites.TeamNeed)."""

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

