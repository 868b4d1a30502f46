"""Account administration: create, change access, deactivate, reset. Every change is audited.

Admins manage accounts, never case content: nothing here reads people or cases.
"""

import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import audit
from ..auth.services import AccountError, create_user, set_active, set_password
from ..auth.sessions import end_all_sessions
from ..auth.twofactor import reset_two_factor
from ..common.i18n import LOCALES
from ..extensions import db
from ..models.grants import AccessGrant
from ..models.sites import Site, Team
from ..models.users import User, UserLanguage, UserRole
from ..policy import CONTENT_ROLES
from ..vocab.codes import ROLES
from ..vocab.names import is_language
from . import grant_services as grants

_TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """16 random characters (80 bits) in groups of four, for the user to replace at once."""
    raw = "".join(secrets.choice(_TEMP_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _access_snapshot(user: User) -> dict:
    return {
        "name": user.name,
        "roles": sorted(user.roles),
        "sites": sorted(site.code for site in user.sites),
        "teams": sorted(team.id for team in user.teams),
        "locale": user.locale,
        "languages": user.languages,
    }


def _language_rows(codes) -> list[UserLanguage]:
    """The spoken languages ticked in the form (ISO 639 codes), each once."""
    for code in codes:
        if not is_language(code):
            raise AccountError(_("Unknown language code %(code)s (use ISO 639, e.g. ar).", code=code))
    return [UserLanguage(language=code) for code in dict.fromkeys(codes)]


def _validated(*, name, roles, site_ids, team_ids, locale) -> None:
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise AccountError(_("Unknown role %(role)s.", role=unknown[0]))
    if locale and locale not in LOCALES:
        raise AccountError(_("Unknown language."))
    sites = db.session.scalars(select(Site).where(Site.id.in_(site_ids or [0]))).all()
    teams = db.session.scalars(select(Team).where(Team.id.in_(team_ids or [0]))).all()
    if len(sites) != len(set(site_ids)) or len(teams) != len(set(team_ids)):
        raise AccountError(_("Unknown site or team."))
    if any(team.site_id not in {site.id for site in sites} for team in teams):
        raise AccountError(_("A team can only be chosen at one of the user's sites."))
    if not name or not name.strip():
        raise AccountError(_("A name is required."))


def _set_access(user: User, *, roles, site_ids, team_ids) -> None:
    user.role_rows = [UserRole(role=role) for role in dict.fromkeys(roles)]
    user.sites = list(db.session.scalars(select(Site).where(Site.id.in_(site_ids or [0]))))
    user.teams = list(db.session.scalars(select(Team).where(Team.id.in_(team_ids or [0]))))


def _granted_now(actor: User, user: User | None, roles, site_ids, team_ids) -> tuple:
    """(roles, site_ids, team_ids) that apply at once, and the pending request (or None)."""
    had_roles = set(user.roles) if user else set()
    had_sites = set(user.site_ids) if user else set()
    had_teams = set(user.team_ids) if user else set()
    gained = (grants.content_access(roles, site_ids, team_ids)
              - grants.content_access(had_roles, had_sites, had_teams))
    if not grants.needs_second_person(actor, roles, gained):
        return (roles, site_ids, team_ids), None
    requested = {"roles": sorted(set(roles)), "site_ids": sorted(set(site_ids)),
                 "team_ids": sorted(set(team_ids))}
    # What is taken away applies at once; what widens the view of case content waits.
    now_sites = [s for s in site_ids if s in had_sites]
    now_teams = [t for t in team_ids if t in had_teams]
    now_roles = [r for r in roles if r in had_roles]
    for role in roles:
        if role not in had_roles and role not in CONTENT_ROLES and not grants.content_access(
                [*now_roles, role], now_sites, now_teams) - grants.content_access(
                    had_roles, had_sites, had_teams):
            now_roles.append(role)
    return (now_roles, now_sites, now_teams), requested


def create_account(actor: User, *, email, name, roles, site_ids, team_ids, locale,
                   languages) -> tuple[User, str, AccessGrant | None]:
    """A new account with a temporary password that must be changed at first sign-in; a
    content role it is given waits for a second person (grant_services)."""
    if not roles:
        raise AccountError(_("At least one role is required."))
    _validated(name=name, roles=roles, site_ids=site_ids, team_ids=team_ids, locale=locale)
    (now_roles, now_sites, now_teams), requested = _granted_now(actor, None, roles, site_ids,
                                                                team_ids)
    password = temporary_password()
    user = create_user(email=email, name=name.strip(), password=password, roles=list(roles),
                       locale=locale or None)
    _set_access(user, roles=now_roles, site_ids=now_sites, team_ids=now_teams)
    user.language_rows = _language_rows(languages)
    user.must_change_password = True
    db.session.flush()
    audit("user_create", user, detail={"after": _access_snapshot(user)})
    grant = grants.request_grant(actor, user, requested) if requested else None
    return user, password, grant


def update_access(actor: User, user: User, *, name, roles, site_ids, team_ids, locale,
                  languages) -> AccessGrant | None:
    """Change an account; returns the pending grant if part of the change waits for approval."""
    if not roles:
        raise AccountError(_("At least one role is required."))
    if user.id == actor.id and (set(roles) != user.roles or set(site_ids) != user.site_ids
                                or set(team_ids) != user.team_ids):
        raise AccountError(_("You cannot change your own roles, sites or teams: another "
                             "administrator can."))
    _validated(name=name, roles=roles, site_ids=site_ids, team_ids=team_ids, locale=locale)
    before = _access_snapshot(user)
    (now_roles, now_sites, now_teams), requested = _granted_now(actor, user, roles, site_ids,
                                                                team_ids)
    user.name = name.strip()
    user.locale = locale or None
    user.language_rows = _language_rows(languages)
    _set_access(user, roles=now_roles, site_ids=now_sites, team_ids=now_teams)
    db.session.flush()
    after = _access_snapshot(user)
    if after != before:
        # Whoever had the old access must not keep it in an open session.
        end_all_sessions(user, keep=actor.login_session if user.id == actor.id else None)
        audit("user_update", user, detail={"before": before, "after": after})
    return grants.request_grant(actor, user, requested) if requested else None


def apply_granted(user: User, *, roles, site_ids, team_ids) -> None:
    """What an approved grant gives (grant_services.decide_grant)."""
    _set_access(user, roles=roles, site_ids=site_ids, team_ids=team_ids)


def change_active(actor: User, user: User, active: bool) -> None:
    if user.id == actor.id and not active:
        raise AccountError(_("You cannot deactivate your own account."))
    set_active(user, active)
    audit("user_activate" if active else "user_deactivate", user)


def reset_password(user: User) -> str:
    """Set a temporary password, end the user's sessions; they choose a new one at sign-in."""
    password = temporary_password()
    set_password(user, password, must_change=True)
    user.failed_logins = 0
    user.locked_until = None
    end_all_sessions(user)
    audit("password_reset", user)
    return password


def reset_second_factor(user: User) -> None:
    reset_two_factor(user)
    end_all_sessions(user)
    audit("two_factor_reset", user)
