"""Small helpers the API's views share: the caller, their team by site and kind."""

from flask import abort
from flask_login import current_user

from .. import policy
from ..models.sites import Site
from ..models.staff import find_team


def caller():
    return current_user._get_current_object()


def user_site(user, site_code: str | None) -> Site | None:
    sites = sorted(user.sites, key=lambda s: s.code)
    if site_code:
        return next((s for s in sites if s.code == site_code), None)
    return sites[0] if sites else None


def team_or_404(user, team_kind: str, site_code: str | None, capability: str):
    """A team of one of the caller's sites whose work they may see (the queue's rule)."""
    policy.require_capability(user, capability)
    team = find_team(user_site(user, site_code), team_kind)
    if team is None:
        abort(404)
    policy.require(policy.can_work_team(user, team))
    return team


class Shown:
    """A record with a few more attributes for its answer (the lists the caller may see)."""

    def __init__(self, record, **extra):
        self._record = record
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self._record, name)
