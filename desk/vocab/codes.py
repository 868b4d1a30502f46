"""Every vocabulary of the domain, code -> lazily translated label.

Codes are stored; labels are rendered in the reader's locale. Never store a label.
"""

from flask_babel import lazy_pgettext as _p
from flask_babel import pgettext

from ..common.i18n import translations


def codes(vocabulary: dict) -> tuple[str, ...]:
    return tuple(vocabulary)


# Set by models.vocabulary: the label of a code a territory added (vocabulary, code) -> str.
LOCAL_LABELS = None


def label(vocabulary: dict, code: str | None) -> str:
    """The label of a code in the current locale; a territory's own code is shown with its
    stored label, an unknown code as itself."""
    if code is None:
        return ""
    value = vocabulary.get(code)
    if value is None:
        return (LOCAL_LABELS and LOCAL_LABELS(vocabulary, code)) or code
    if getattr(value, "_func", None) is pgettext and not value._kwargs:
        # Straight from the request's catalogue: a long list renders hundreds of labels.
        return translations().upgettext(*value._args)
    return str(value)


def choices(vocabulary: dict) -> list[tuple[str, str]]:
    return [(code, label(vocabulary, code)) for code in vocabulary]


ROLES = {
    "desk": _p("role", "Desk operator"),
    "team": _p("role", "Team member"),
    "supervisor": _p("role", "Supervisor"),
    "admin": _p("role", "Administrator"),
    "partner": _p("role", "Partner organisation"),
    "coordinator": _p("role", "Coordinator (observatory)"),
}

TEAM_KINDS = {
    "social": _p("team", "Social"),
    "legal": _p("team", "Legal"),
    "health": _p("team", "Health"),
    "mediation": _p("team", "Mediation"),
}

CASE_STATUSES = {
    "open": _p("case status", "Open"),
    "in_progress": _p("case status", "In progress"),
    "closed": _p("case status", "Closed"),
}

CASE_OUTCOMES = {
    "needs_met": _p("case outcome", "Needs met"),
    "partially_met": _p("case outcome", "Needs partly met"),
    "referred_elsewhere": _p("case outcome", "Referred to another service"),
    "lost_contact": _p("case outcome", "Contact lost"),
    "moved_away": _p("case outcome", "Moved away"),
    "withdrawn": _p("case outcome", "Withdrawn by the person"),
}

REFERRAL_STATUSES = {
    "pending": _p("referral status", "Pending"),
    "accepted": _p("referral status", "Accepted"),
    "completed": _p("referral status", "Completed"),
    "declined": _p("referral status", "Declined"),
}

PRIORITIES = {
    "urgent": _p("priority", "Urgent"),
    "normal": _p("priority", "Normal"),
    "low": _p("priority", "Low"),
}

REFERRAL_REASONS = {
    "assessment": _p("referral reason", "Assessment of the situation"),
    "documents": _p("referral reason", "Help with documents and permits"),
    "legal_advice": _p("referral reason", "Legal advice"),
    "health_access": _p("referral reason", "Access to health care"),
    "housing": _p("referral reason", "Housing support"),
    "income": _p("referral reason", "Income and benefits"),
    "work": _p("referral reason", "Work and training"),
    "interpreting": _p("referral reason", "Interpreting and cultural mediation"),
    "protection": _p("referral reason", "Protection from violence or exploitation"),
    "other": _p("referral reason", "Other"),
}

DECLINE_REASONS = {
    "not_competent": _p("decline reason", "Not within this team's remit"),
    "missing_information": _p("decline reason", "Information missing"),
    "no_capacity": _p("decline reason", "No capacity at the moment"),
    "already_followed": _p("decline reason", "Already followed by another service"),
    "other": _p("decline reason", "Other"),
}

REFERRAL_OUTCOMES = {
    "resolved": _p("referral outcome", "Resolved"),
    "partially_resolved": _p("referral outcome", "Partly resolved"),
    "referred_external": _p("referral outcome", "Sent to an external service"),
    "not_reachable": _p("referral outcome", "Person not reachable"),
    "refused": _p("referral outcome", "Refused by the person"),
    # Closed by the desk when the case moved to another site (desk/identity/transfer_services).
    "transferred": _p("referral outcome", "Case transferred to another desk"),
}
# The outcomes a team chooses when it completes a referral (the others are the desk's own).
TEAM_REFERRAL_OUTCOMES = {code: name for code, name in REFERRAL_OUTCOMES.items()
                          if code != "transferred"}

CHANNELS = {
    "walk_in": _p("channel", "Walk-in"),
    "phone": _p("channel", "Phone"),
    "sent_by_service": _p("channel", "Sent by a service"),
}

URGENCIES = PRIORITIES

ACCESS_OUTCOMES = {
    "information": _p("access outcome", "Information given"),
    "routed": _p("access outcome", "Routed to teams"),
    "appointment": _p("access outcome", "Appointment given"),
}

NEEDS = {
    "documents": _p("need", "Documents and permits"),
    "asylum": _p("need", "Asylum procedure"),
    "housing": _p("need", "Housing"),
    "work": _p("need", "Work"),
    "income": _p("need", "Income support"),
    "health": _p("need", "Health"),
    "mental_health": _p("need", "Mental health"),
    "education": _p("need", "School and education"),
    "italian_course": _p("need", "Italian courses"),
    "family_reunification": _p("need", "Family reunification"),
    "legal_advice": _p("need", "Legal advice"),
    "violence": _p("need", "Violence or exploitation"),
    "language_barrier": _p("need", "Language barrier"),
    "other": _p("need", "Other"),
}

TIMELINE_KINDS = {
    "access_recorded": _p("timeline", "Access recorded"),
    "case_opened": _p("timeline", "Case opened"),
    "referral_made": _p("timeline", "Referral made"),
    "referral_accepted": _p("timeline", "Referral accepted"),
    "referral_declined": _p("timeline", "Referral declined"),
    "referral_completed": _p("timeline", "Referral completed"),
    "referral_reassigned": _p("timeline", "Referral reassigned"),
    "note": _p("timeline", "Note"),
    "note_translated": _p("timeline", "Note translated"),
    "appointment_booked": _p("timeline", "Appointment booked"),
    "appointment_attended": _p("timeline", "Appointment attended"),
    "appointment_missed": _p("timeline", "Appointment missed"),
    "document_added": _p("timeline", "Document added"),
    "status_changed": _p("timeline", "Status changed"),
    "case_conference": _p("timeline", "Case conference"),
    "care_plan_changed": _p("timeline", "Care plan changed"),
    "consent_override": _p("timeline", "Consent check overridden"),
    "case_closed": _p("timeline", "Case closed"),
    "case_reopened": _p("timeline", "Case reopened"),
    "external_referral_sent": _p("timeline", "Sent to an outside service"),
    "external_referral_acknowledged": _p("timeline", "Outside service acknowledged"),
    "external_referral_outcome": _p("timeline", "Outside service's outcome"),
    "external_consent": _p("timeline", "Consent to share with an organisation"),
    "procedure_sheet_given": _p("timeline", "Procedure sheet given"),
    "transfer_requested": _p("timeline", "Transfer to another desk requested"),
    "transfer_accepted": _p("timeline", "Transfer accepted by the receiving desk"),
    "transfer_refused": _p("timeline", "Transfer refused by the receiving desk"),
    "transfer_cancelled": _p("timeline", "Transfer request withdrawn"),
    # Two records of the person became one (desk/identity/merge_services).
    "records_merged": _p("timeline", "Records of the person merged"),
}

# Where a case's transfer to another site stands (models/transfers.py).
TRANSFER_STATUSES = {
    "requested": _p("transfer status", "Waiting for the receiving desk"),
    "accepted": _p("transfer status", "Accepted"),
    "refused": _p("transfer status", "Refused"),
    "cancelled": _p("transfer status", "Withdrawn"),
}

# What a file attached to a person or a case is (desk.attachments).
ATTACHMENT_KINDS = {
    "permit": _p("attachment", "Permit or identity document"),
    "receipt": _p("attachment", "Receipt"),
    "letter": _p("attachment", "Letter"),
    "other": _p("attachment", "Other document"),
}
# The file types accepted, recognised from the content, and the extension each is saved with.
ATTACHMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

VISIBILITIES = {
    "all": _p("visibility", "All entitled workers"),
    "team": _p("visibility", "My team only (confidential)"),
}

APPOINTMENT_OUTCOMES = {
    "attended": _p("appointment outcome", "Attended"),
    "no_show": _p("appointment outcome", "Missed"),
    # Called off by the desk when the case moved to another site.
    "cancelled": _p("appointment outcome", "Cancelled (case transferred)"),
}

# Where an appointment's interpreter request stands (derived, not stored: models/plan.py).
INTERPRETER_STATUSES = {
    "waiting": _p("interpreter", "Requested, waiting for the mediation team"),
    "confirmed": _p("interpreter", "Confirmed"),
    "declined": _p("interpreter", "Declined"),
    "unconfirmed": _p("interpreter", "Not confirmed"),
}

GOAL_STATUSES = {
    "planned": _p("goal status", "Planned"),
    "in_progress": _p("goal status", "In progress"),
    "achieved": _p("goal status", "Achieved"),
    "dropped": _p("goal status", "Dropped"),
}

SEXES = {
    "F": _p("sex", "Female"),
    "M": _p("sex", "Male"),
    "X": _p("sex", "Other"),
    "U": _p("sex", "Not stated"),
}

CONSENT_PURPOSES = {
    "privacy_notice": _p("consent", "Privacy notice given"),
    "share_with_services": _p("consent", "Data may be shared with the desk's teams"),
}

# Residence titles (titoli di soggiorno). Descriptions live in the glossary.
PERMIT_TYPES = {
    "work_employed": _p("permit", "Work — employed"),
    "work_self_employed": _p("permit", "Work — self-employed"),
    "work_seasonal": _p("permit", "Work — seasonal"),
    "work_seasonal_multiyear": _p("permit", "Work — seasonal, for several years"),
    "job_seeking": _p("permit", "Job seeking"),
    "family": _p("permit", "Family reasons"),
    "study": _p("permit", "Study"),
    "research": _p("permit", "Scientific research"),
    "traineeship": _p("permit", "Traineeship and vocational training"),
    "volunteering": _p("permit", "Volunteering"),
    "eu_long_term": _p("permit", "EU long-term residence permit"),
    "eu_family_card": _p("permit", "Residence card for family of an EU citizen"),
    "temporary_protection": _p("permit", "Temporary protection"),
    "refugee": _p("permit", "International protection — refugee status"),
    "subsidiary_protection": _p("permit", "International protection — subsidiary protection"),
    "asylum_pending": _p("permit", "Asylum application pending"),
    "special_protection": _p("permit", "Special protection"),
    "special_cases_violence": _p("permit", "Special cases — victims of violence or exploitation"),
    "labour_exploitation": _p("permit", "Special cases — victims of labour exploitation"),
    "medical_treatment": _p("permit", "Medical treatment"),
    "medical_pregnancy": _p("permit", "Medical care — pregnancy and the six months after birth"),
    "minor_age": _p("permit", "Minors"),
    "foster_care": _p("permit", "Minors in foster care or guardianship"),
    "minor_assistance": _p("permit", "Assistance to a minor (family member authorised by the court)"),
    "natural_disaster": _p("permit", "Natural disaster"),
    "civil_merit": _p("permit", "Acts of particular civil merit"),
    "eu_blue_card": _p("permit", "EU Blue Card"),
    "work_special_categories": _p("permit", "Work — special categories (artists, athletes, ...)"),
    "intra_corporate_transfer": _p("permit", "Intra-corporate transfer (ICT)"),
    "remote_work": _p("permit", "Digital nomads and remote workers"),
    "investors": _p("permit", "Investors"),
    "statelessness": _p("permit", "Statelessness"),
    "citizenship_pending": _p("permit", "Citizenship application pending"),
    "justice": _p("permit", "Justice reasons (criminal proceedings)"),
    "religious": _p("permit", "Religious reasons"),
    "elective_residence": _p("permit", "Elective residence"),
    "eu_citizen": _p("permit", "EU citizen (no permit needed)"),
    "passport_only": _p("permit", "Passport or identity document only"),
    "none": _p("permit", "No residence document"),
}

# What the audit log records; shown to supervisors ("who accessed this record") and admins.
AUDIT_ACTIONS = {
    "view": _p("audit", "Viewed"),
    "create": _p("audit", "Created"),
    "update": _p("audit", "Changed"),
    "export": _p("audit", "Exported"),
    "print": _p("audit", "Printed"),
    "view_slip": _p("audit", "Viewed the slip"),
    "print_slip": _p("audit", "Printed the slip"),
    "print_privacy_notice": _p("audit", "Printed the privacy notice"),
    "consent": _p("audit", "Recorded consent"),
    "consent_withdrawn": _p("audit", "Recorded consent withdrawal"),
    "pseudonymise": _p("audit", "Erased identifying data"),
    "legal_hold_set": _p("audit", "Set a legal hold"),
    "login": _p("audit", "Signed in"),
    "login_failed": _p("audit", "Failed sign-in"),
    "logout": _p("audit", "Signed out"),
    "login_password_ok": _p("audit", "Password accepted, second step asked"),
    "reauthenticate": _p("audit", "Confirmed identity again"),
    "reauthenticate_failed": _p("audit", "Failed to confirm identity"),
    "password_changed": _p("audit", "Changed the password"),
    "password_reset": _p("audit", "Reset a password"),
    "two_factor_enrolled": _p("audit", "Set up two-step sign-in"),
    "two_factor_reset": _p("audit", "Reset two-step sign-in"),
    "user_create": _p("audit", "Created an account"),
    "user_update": _p("audit", "Changed an account"),
    "user_activate": _p("audit", "Reactivated an account"),
    "user_deactivate": _p("audit", "Deactivated an account"),
    "audit_export": _p("audit", "Exported the audit log"),
    "grant_requested": _p("audit", "Asked for access to case content"),
    "grant_approved": _p("audit", "Approved access to case content"),
    "grant_refused": _p("audit", "Refused access to case content"),
    "territory_create": _p("audit", "Created a territory"),
    "territory_update": _p("audit", "Changed a territory"),
    "territory_retire": _p("audit", "Retired a territory"),
    "territory_restore": _p("audit", "Put a territory back in use"),
    "site_create": _p("audit", "Created a site"),
    "site_update": _p("audit", "Changed a site"),
    "site_retire": _p("audit", "Retired a site"),
    "site_restore": _p("audit", "Put a site back in use"),
    "team_create": _p("audit", "Created a team"),
    "team_update": _p("audit", "Changed a team"),
    "team_retire": _p("audit", "Retired a team"),
    "team_restore": _p("audit", "Put a team back in use"),
    "vocab_add": _p("audit", "Added a code to a vocabulary"),
    "vocab_retire": _p("audit", "Retired a vocabulary code"),
    "vocab_restore": _p("audit", "Offered a vocabulary code again"),
    "transfer_request": _p("audit", "Asked for a case transfer"),
    "transfer_accept": _p("audit", "Accepted a case transfer"),
    "transfer_refuse": _p("audit", "Refused a case transfer"),
    "transfer_cancel": _p("audit", "Withdrew a case transfer"),
    "view_transfers": _p("audit", "Viewed the list of case transfers"),
}

# The territory's network: the directory of services and referrals to outside organisations.
SERVICE_KINDS = {
    "public": _p("service kind", "Public service"),
    "third_sector": _p("service kind", "Third Sector"),
}

ACCESS_MODES = {
    "appointment": _p("access mode", "By appointment"),
    "walk_in": _p("access mode", "Walk-in"),
    "letter_required": _p("access mode", "Referral letter required"),
}

EXTERNAL_STATUSES = {
    "sent": _p("external referral", "Sent"),
    "acknowledged": _p("external referral", "Acknowledged"),
    "closed": _p("external referral", "Outcome recorded"),
}

EXTERNAL_OUTCOMES = {
    "taken_in_charge": _p("external outcome", "Taken in charge"),
    "not_eligible": _p("external outcome", "Not eligible"),
    "did_not_go": _p("external outcome", "The person did not go"),
    "other": _p("external outcome", "Other"),
}

AUDIT_OBJECTS = {
    "person": _p("audit object", "Person"),
    "case_file": _p("audit object", "Case"),
    "access": _p("audit object", "Access"),
    "referral": _p("audit object", "Referral"),
    "note": _p("audit object", "Note"),
    "appointment": _p("audit object", "Appointment"),
    "residence_document": _p("audit object", "Residence document"),
    "procedure_sheet": _p("audit object", "Procedure sheet"),
    "procedure_local": _p("audit object", "Local parts of a procedure sheet"),
    "training": _p("audit object", "Training"),
    "case_transfer": _p("audit object", "Case transfer"),
}
