"""Import every model so that Alembic and the app see the whole metadata."""

from .audit.models import AuditLog
from .auth.models import LoginSession, User, UserLanguage, UserRole, team_membership, user_site
from .cases.history_models import Note, NoteTranslation, TimelineEvent
from .cases.models import Access, AccessNeed, Case, Referral, ReferralNeed
from .cases.plan_models import Appointment, CarePlanGoal, CaseConference, conference_team
from .people.models import Consent, Person, PersonLanguage, PersonNameToken, ResidenceDocument
from .supervision.tally_models import AccessTally
from .teams.models import Site, Team

__all__ = [
    "Access", "AccessNeed", "AccessTally", "Appointment", "AuditLog", "CarePlanGoal", "Case",
    "CaseConference",
    "Consent", "LoginSession", "Note", "NoteTranslation", "Person", "PersonLanguage",
    "PersonNameToken", "Referral",
    "ReferralNeed", "ResidenceDocument", "Site", "Team", "TimelineEvent", "User", "UserLanguage",
    "UserRole", "conference_team", "team_membership", "user_site",
]
