"""Administration: users, the audit log and the territory's configuration (territories,
sites, teams, service levels, vocabularies). No case content."""

from . import (  # noqa: F401  (their routes are added to bp)
    audit_views,
    partner_views,
    scope_views,
    team_views,
    territory_views,
    views,
    vocab_views,
)
from .blueprint import bp

__all__ = ["bp"]
