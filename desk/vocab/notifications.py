"""What a notification is about, and how a user wants to hear of each kind by e-mail."""

from flask_babel import lazy_pgettext as _p

# kind -> label (the settings page and the list).
NOTIFICATION_KINDS = {
    "referral_to_team": _p("notification", "New referral to my team"),
    "referral_assigned": _p("notification", "Referral assigned to me"),
    "referral_declined": _p("notification", "Referral declined back to the desk"),
    "interpreter_request": _p("notification", "Interpreter request in my language"),
    "referral_overdue": _p("notification", "Referral overdue"),
    "permit_expiring": _p("notification", "Permit expiring on a case I manage"),
    "permit_expired": _p("notification", "Permit expired on a case I manage"),
    # Written by the transfer and external-referral areas through notifications.services.notify.
    "transfer": _p("notification", "Case transfer"),
    "external_referral": _p("notification", "External referral reply"),
}

EMAIL_MODES = {
    "immediate": _p("e-mail mode", "At once"),
    "digest": _p("e-mail mode", "Daily digest"),
    "off": _p("e-mail mode", "Off"),
}

# How an e-mail in the outbox stands. "sending": a worker began sending it; if it never
# came back, the message is not sent again by itself (it may have left): see delivery.py.
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed")
OUTBOX_KINDS = ("notification", "digest")
# Where a notification stands towards e-mail: not to be mailed, mailed at once, waiting for
# the digest, or taken into one.
EMAIL_STATES = ("none", "immediate", "digest", "digested")
