"""How the details of a timeline event read: each payload key and value in the reader's
locale (codes as labels, dates and languages localised, user ids as names, other ids hidden).
Used by the case page and by the access export."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p

from ..common.i18n import format_date, format_datetime, join_words
from . import codes as v
from .names import language_name
from .procedures import SHEET_TITLES

KEY_LABELS = {
    "team": _l("Team"), "team_kind": _l("Team"), "teams": _l("Teams present"), "reason": _l("Reason"),
    "outcome": _l("Outcome"), "previous_outcome": _l("Previous outcome"),
    "assignee_id": _l("Assigned to"), "previous_assignee_id": _l("Previously assigned to"),
    "from": _p("status change", "From"), "to": _p("status change", "To"), "language": _l("Language"),
    "language_used": _l("Language used"), "interpreter_language": _l("Interpreter"),
    "starts_at": _l("When"), "dimension": _l("Dimension"), "status": _l("Status"),
    "change": _p("history detail", "Change"), "review_date": _l("Review date"), "held_on": _l("Date"),
    "doc_type": _l("Document"), "expiry_date": _l("Expiry date"), "needs": _l("Needs"),
    "priority": _l("Priority"), "due_date": _l("Due date"), "channel": _l("Channel"),
    "urgency": _l("Urgency"), "mediator_present": _l("Mediator present"),
    "service": _l("Service"), "organisation": _l("Organisation"),
    "sheet": _l("Procedure sheet"),
    "attachment": _l("Attached file"),
    "from_desk": _p("transfer", "From the desk"), "to_desk": _p("transfer", "To the desk"),
    "referrals_closed": _l("Referrals closed"),
    "appointments_cancelled": _l("Appointments cancelled"),
}
CHANGES = {"added": _l("added"), "updated": _l("updated")}
VOCAB_BY_KEY = {
    "team": v.TEAM_KINDS, "team_kind": v.TEAM_KINDS, "teams": v.TEAM_KINDS, "dimension": v.TEAM_KINDS, "needs": v.NEEDS,
    "priority": v.PRIORITIES, "urgency": v.URGENCIES, "channel": v.CHANNELS,
    "doc_type": v.PERMIT_TYPES, "change": CHANGES, "decline_reason": v.DECLINE_REASONS,
    "attachment": v.ATTACHMENT_KINDS,
}
VOCAB_BY_KIND = {
    "referral_made": {"reason": v.REFERRAL_REASONS},
    "referral_declined": {"reason": v.DECLINE_REASONS},
    "referral_completed": {"outcome": v.REFERRAL_OUTCOMES},
    "case_closed": {"outcome": v.CASE_OUTCOMES, "from": v.CASE_STATUSES},
    "case_reopened": {"previous_outcome": v.CASE_OUTCOMES},
    "access_recorded": {"outcome": v.ACCESS_OUTCOMES},
    "status_changed": {"from": v.CASE_STATUSES, "to": v.CASE_STATUSES},
    "care_plan_changed": {"status": v.GOAL_STATUSES},
    "external_referral_sent": {"reason": v.REFERRAL_REASONS},
    "external_referral_outcome": {"outcome": v.EXTERNAL_OUTCOMES},
    "procedure_sheet_given": {"sheet": SHEET_TITLES},
}
USER_KEYS = {"assignee_id", "previous_assignee_id"}
LANGUAGE_KEYS = {"language", "language_used", "interpreter_language"}
DATE_KEYS = {"review_date", "held_on", "expiry_date", "due_date"}
DATETIME_KEYS = {"starts_at"}
# Shown by the note itself, next to its text.
HIDDEN_BY_KIND = {"note": {"language"}}


def _value(kind: str, key: str, value, users: dict[int, str]) -> str:
    vocab = VOCAB_BY_KIND.get(kind, {}).get(key) or VOCAB_BY_KEY.get(key)
    if isinstance(value, list):
        return join_words(_value(kind, key, item, users) for item in value)
    if key in USER_KEYS:
        return users.get(value, "—")
    if key in LANGUAGE_KEYS:
        return language_name(value)
    try:
        if key in DATE_KEYS:
            return format_date(date.fromisoformat(value))
        if key in DATETIME_KEYS:
            return format_datetime(datetime.fromisoformat(value), "short")
    except (TypeError, ValueError):
        return str(value)
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    return v.label(vocab, value) if vocab else str(value)


def describe(event, users: dict[int, str]) -> list[tuple[str, str]]:
    """The payload as (label, value) pairs in the reader's locale; ids stay hidden."""
    details = []
    for key, value in (event.payload or {}).items():
        if value in (None, "", []) or (key.endswith("_id") and key not in USER_KEYS):
            continue
        if key in HIDDEN_BY_KIND.get(event.kind, ()):
            continue
        name = KEY_LABELS.get(key, key.replace("_", " "))
        details.append((str(name), _value(event.kind, key, value, users)))
    return details


