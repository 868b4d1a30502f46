"""How often each need arrives at the desk, shared by the demo seed and the large generator.
Where a need goes (teams, the reason of the referral) is the app's own routing
(desk/counter/routing.py), so sample data follows what the desk itself suggests."""

from ..vocab.codes import NEEDS

NEED_WEIGHTS = {
    "documents": 26, "asylum": 7, "housing": 15, "work": 13, "income": 8, "health": 10,
    "mental_health": 3, "education": 4, "italian_course": 6, "family_reunification": 4,
    "legal_advice": 6, "violence": 2, "language_barrier": 6, "other": 3,
}
assert set(NEED_WEIGHTS) == set(NEEDS)
