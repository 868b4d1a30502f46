"""Small helpers of the counter views: one-time form tokens, the template helpers of documents."""

import secrets

from ..models.permits import renewal_counts, renewal_today
from .blueprint import bp


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


# Templates of every area show how a residence document stands (expired, expiring soon).
bp.add_app_template_global(renewal_today, "renewal_of")
bp.add_app_template_global(renewal_counts, "renewal_counts")
