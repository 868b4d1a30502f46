"""Import every model so that Alembic and the app see the whole metadata."""

from .api_tokens import ApiToken
from .audit import AuditLog
from .cases import Access, AccessNeed, Case, Referral, ReferralNeed
from .grants import AccessGrant
from .history import Note, NoteTranslation, TimelineEvent
from .people import Consent, Person, PersonLanguage, PersonNameToken, ResidenceDocument
from .plan import Appointment, CarePlanGoal, CaseConference, conference_team
from .sites import Site, Team
from .tally import AccessTally
from .users import LoginSession, User, UserLanguage, UserRole, team_membership, user_site

__all__ = [
    "Access", "AccessGrant", "ApiToken", "AccessNeed", "AccessTally", "Appointment", "AuditLog", "CarePlanGoal", "Case",
    "CaseConference",
    "Consent", "LoginSession", "Note", "NoteTranslation", "Person", "PersonLanguage",
    "PersonNameToken", "Referral",
    "ReferralNeed", "ResidenceDocument", "Site", "Team", "TimelineEvent", "User", "UserLanguage",
    "UserRole", "conference_team", "team_membership", "user_site",
]
