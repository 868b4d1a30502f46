"""Import every model so that Alembic and the app see the whole metadata."""

from .api_tokens import ApiToken
from .attachments import Attachment
from .audit import AuditLog
from .cases import Access, AccessNeed, Case, Referral, ReferralNeed
from .directory import Organisation, Service, ServiceLanguage, ServiceNeed, ServiceOpening
from .external_referrals import ExternalReferral, OrganisationConsent, PartnerMember
from .grants import AccessGrant
from .history import Note, NoteTranslation, TimelineEvent
from .merges import PersonMerge
from .notifications import Notification, NotificationPreference, OutboxMessage, ScheduledRun
from .people import Consent, Person, PersonLanguage, PersonNameToken, ResidenceDocument
from .plan import Appointment, CarePlanGoal, CaseConference, conference_team
from .procedures import ProcedureLocal, ProcedureLocalStep, ProcedureSheet
from .receipts import FormReceipt
from .register_imports import RegisterMapping, RegisterUpload
from .sites import ServiceLevel, Site, Team, TeamLabel, TeamNeed, Territory
from .tally import AccessTally
from .training import Training, training_attendance
from .transfers import CaseTransfer
from .users import LoginSession, User, UserLanguage, UserRole, team_membership, user_site
from .vocabulary import VocabCode, VocabLabel

__all__ = [
    "Access", "AccessGrant", "AccessNeed", "AccessTally", "ApiToken", "Appointment", "Attachment", "AuditLog",
    "CarePlanGoal", "Case", "CaseTransfer",
    "CaseConference", "ExternalReferral", "Organisation", "OrganisationConsent", "PartnerMember",
    "Service", "ServiceLanguage", "ServiceNeed", "ServiceOpening",
    "Consent", "FormReceipt", "LoginSession", "Note", "NoteTranslation", "Notification",
    "NotificationPreference", "OutboxMessage", "ScheduledRun", "Person", "PersonLanguage",
    "PersonMerge", "PersonNameToken", "ProcedureLocal", "ProcedureLocalStep", "ProcedureSheet", "Referral",
    "RegisterMapping", "RegisterUpload", "ReferralNeed", "ResidenceDocument", "ServiceLevel", "Site", "Team",
    "TeamLabel", "TeamNeed", "Territory", "VocabCode", "VocabLabel", "TimelineEvent", "User",
    "UserLanguage", "Training", "UserRole", "conference_team", "training_attendance",
    "team_membership", "user_site",
]
