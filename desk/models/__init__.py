"""Import every model so that Alembic and the app see the whole metadata."""

from .api_tokens import ApiToken
from .audit import AuditLog
from .cases import Access, AccessNeed, Case, Referral, ReferralNeed
from .directory import Organisation, Service, ServiceLanguage, ServiceNeed, ServiceOpening
from .external_referrals import ExternalReferral, OrganisationConsent, PartnerMember
from .grants import AccessGrant
from .history import Note, NoteTranslation, TimelineEvent
from .notifications import Notification, NotificationPreference, OutboxMessage, ScheduledRun
from .people import Consent, Person, PersonLanguage, PersonNameToken, ResidenceDocument
from .plan import Appointment, CarePlanGoal, CaseConference, conference_team
from .receipts import FormReceipt
from .sites import ServiceLevel, Site, Team, TeamLabel, TeamNeed, Territory
from .tally import AccessTally
from .users import LoginSession, User, UserLanguage, UserRole, team_membership, user_site
from .vocabulary import VocabCode, VocabLabel

__all__ = [
    "Access", "AccessGrant", "AccessNeed", "AccessTally", "ApiToken", "Appointment", "AuditLog",
    "CarePlanGoal", "Case",
    "CaseConference", "ExternalReferral", "Organisation", "OrganisationConsent", "PartnerMember",
    "Service", "ServiceLanguage", "ServiceNeed", "ServiceOpening",
    "Consent", "FormReceipt", "LoginSession", "Note", "NoteTranslation", "Notification",
    "NotificationPreference", "OutboxMessage", "ScheduledRun", "Person", "PersonLanguage",
    "PersonNameToken", "Referral",
    "ReferralNeed", "ResidenceDocument", "ServiceLevel", "Site", "Team", "TeamLabel", "TeamNeed",
    "Territory", "VocabCode", "VocabLabel", "TimelineEvent", "User", "UserLanguage",
    "UserRole", "conference_team", "team_membership", "user_site",
]
