"""Sign-in rules and account creation. No request objects here except through sessions."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..common.clock import utcnow
from ..common.i18n import LOCALES
from ..extensions import db
from ..models.sites import Site, Team
from ..models.users import User, UserLanguage, UserRole
from ..vocab.codes import ROLES
from ..vocab.names import is_language
from .password_policy import password_problem
from .passwords import burn_time, hash_password, verify_password
from .sessions import end_all_sessions


class AccountError(ValueError):
    """A value refused when creating or changing an account; the message is for the user."""


class WrongPassword(AccountError):
    """The current password given to confirm a change is not right."""


@dataclass
class SignInResult:
    user: User | None
    reason: str | None = None  # "invalid", "locked"
    failed_before: int = 0  # wrong passwords on the account since its last sign-in


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def authenticate(email: str, password: str) -> SignInResult:
    """Check credentials. Wrong passwords are counted on the account (its owner is told at the
    next sign-in) and slowed by the throttle (auth.throttle); they never lock it. A pause set
    by wrong second-factor codes (the password was right) is kept.

    Unknown account, wrong password and inactive account give the same answer to the caller's
    user ("invalid"); only a paused account says so, because its owner needs to know to wait.
    """
    user = find_user_by_email(email)
    if user is None:
        burn_time(password)
        return SignInResult(None, "invalid")
    now = utcnow()
    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        return SignInResult(None, "invalid")
    if user.locked_until and user.locked_until > now:
        return SignInResult(None, "locked")
    if not user.active:
        return SignInResult(None, "invalid")
    failed_before, user.failed_logins = user.failed_logins, 0
    user.locked_until = None
    user.last_login_at = now
    return SignInResult(user, failed_before=failed_before)


def create_user(
    *,
    email: str,
    name: str,
    password: str,
    roles: list[str],
    site_codes: list[str] = (),
    team_kinds: list[str] = (),
    locale: str | None = None,
    languages: list[str] = (),
) -> User:

    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(_("Not a valid e-mail address: %(email)s", email=email))
    if find_user_by_email(email):
        raise AccountError(_("A user with e-mail %(email)s already exists.", email=email))
    if not name or not name.strip():
        raise AccountError(_("A name is required."))
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise AccountError(problem)
    for role in roles:
        if role not in ROLES:
            raise AccountError(
                _("Unknown role %(role)s; use one of: %(roles)s", role=role, roles=", ".join(ROLES))
            )
    if not roles:
        raise AccountError(_("At least one role is required."))
    if locale and locale not in LOCALES:
        raise AccountError(
            _("Unknown language %(locale)s; use one of: %(locales)s", locale=locale, locales=", ".join(LOCALES))
        )
    for language in languages:
        if not is_language(language):
            raise AccountError(_("Unknown language code %(code)s (use ISO 639, e.g. ar).", code=language))
    sites = []
    for code in site_codes:
        site = db.session.scalar(select(Site).where(Site.code == code))
        if site is None:
            known = ", ".join(db.session.scalars(select(Site.code)).all()) or "none"
            raise AccountError(_("Unknown site %(code)s; known sites: %(known)s", code=code, known=known))
        sites.append(site)
    teams = []
    for kind in team_kinds:
        matches = [t for site in sites for t in site.teams if t.kind == kind]
        if not matches:
            raise AccountError(_("There is no team %(kind)s at the user's sites.", kind=kind))
        teams.extend(matches)
    user = User(
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        locale=locale,
        role_rows=[UserRole(role=r) for r in dict.fromkeys(roles)],
        language_rows=[UserLanguage(language=lang) for lang in dict.fromkeys(languages)],
        sites=sites,
        teams=teams,
    )
    db.session.add(user)
    db.session.flush()
    return user


def set_active(user: User, active: bool) -> None:
    """Deactivating a user ends every session they have, at once."""
    user.active = active
    if not active:
        end_all_sessions(user)


def set_locale(user: User, locale: str) -> None:

    if locale not in LOCALES:
        raise AccountError(_("Unknown language."))
    user.locale = locale


def team_for(site: Site, kind: str) -> Team | None:
    return next((t for t in site.teams if t.kind == kind), None)


def set_password(user: User, password: str, *, must_change: bool = False) -> None:
    """Store a new password (checked against the policy); other sessions stay as they are."""
    problem = password_problem(password, email=user.email, name=user.name)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.must_change_password = must_change


def change_own_password(user: User, current: str, new: str) -> None:
    """The user's own change: the current password first; every other session of theirs ends."""
    if not verify_password(user.password_hash, current):
        raise WrongPassword(_("The current password is not right."))
    if verify_password(user.password_hash, new):
        raise AccountError(_("The new password must differ from the current one."))
    set_password(user, new, must_change=False)
    end_all_sessions(user, keep=user.login_session)
