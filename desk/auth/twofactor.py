"""Two-factor sign-in: TOTP codes (RFC 6238, via pyotp) and one-time recovery codes.

Enrolment starts when a user who needs a second factor signs in with the password: a secret
is stored and shown as a QR code; it is active once a first code has been verified. Every
accepted code moves `totp_last_step` on, so a code seen over a shoulder cannot be reused.
Wrong codes are counted apart from wrong passwords; too many pause the account.
"""

import hmac
import secrets
import time

import pyotp
import segno
from flask import current_app
from sqlalchemy import delete

from ..common.clock import utcnow
from ..extensions import db
from ..models.users import RecoveryCode, User
from .passwords import hash_password, verify_password

STEP_SECONDS = 30
# Unambiguous characters for recovery codes: 16 of them from 32 symbols = 80 random bits.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def needs_two_factor(user: User) -> bool:
    """By role (supervisors, admins), by team kind (health), by site, or once enrolled."""
    config = current_app.config
    if user.has_role(*config.get("TOTP_REQUIRED_ROLES", ())) or user.totp_enabled_at is not None:
        return True
    if user.has_role("team") and {team.kind for team in user.teams} & set(
            config.get("TOTP_REQUIRED_TEAM_KINDS", ())):
        return True
    at_sites = set(config.get("TOTP_REQUIRED_AT_SITES", ()))
    return bool(at_sites) and user.has_role("desk", "team", "supervisor") and bool(
        {site.code for site in user.sites} & at_sites)


def is_enrolled(user: User) -> bool:
    return user.totp_secret is not None and user.totp_enabled_at is not None


def start_enrolment(user: User) -> None:
    """Give the user a secret to enrol, unless one is already waiting to be confirmed."""
    if user.totp_secret is None:
        user.totp_secret = pyotp.random_base32()
        user.totp_enabled_at = None
        user.totp_last_step = None


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(
        name=user.email, issuer_name=current_app.config.get("TOTP_ISSUER", "Sportello")
    )


def qr_data_uri(user: User) -> str:
    """The enrolment QR code as an SVG data URI (allowed by the CSP's img-src data:)."""
    return segno.make(provisioning_uri(user), error="m").svg_data_uri(scale=5, border=2)


def grouped_secret(user: User) -> str:
    secret = user.totp_secret or ""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def verify_totp(user: User, code: str, at: float | None = None) -> bool:
    """Accept the code of the current 30-second step or its neighbours, once each."""
    code = _clean(code)
    if not user.totp_secret or len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now_step = int((at if at is not None else time.time()) // STEP_SECONDS)
    for step in (now_step - 1, now_step, now_step + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            user.totp_last_step = step
            return True
    return False


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Activate two-factor sign-in if `code` is right; return fresh recovery codes (shown once)."""
    if not verify_totp(user, code):
        return None
    user.totp_enabled_at = utcnow()
    user.second_factor_failures = 0
    return new_recovery_codes(user)


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes; only their hashes are stored."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    count = current_app.config.get("RECOVERY_CODE_COUNT", 10)
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=hash_password(raw)))
    db.session.flush()
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """Accept an unused recovery code once."""
    code = _clean(code)
    if len(code) != 16:
        return False
    unused = [row for row in user.recovery_codes if row.used_at is None]
    for row in unused:
        if verify_password(row.code_hash, code):
            row.used_at = utcnow()
            return True
    return False


def remaining_recovery_codes(user: User) -> int:
    return sum(1 for row in user.recovery_codes if row.used_at is None)


def check_second_factor(user: User, code: str) -> str | None:
    """'totp' or 'recovery_code' if the code is accepted, else None (and the failure counted)."""
    method = None
    if verify_totp(user, code):
        method = "totp"
    elif use_recovery_code(user, code):
        method = "recovery_code"
    if method:
        user.second_factor_failures = 0
        return method
    record_second_factor_failure(user)
    return None


def record_second_factor_failure(user: User) -> bool:
    """Count a wrong code; pause the account after too many. True if it is now paused."""
    user.second_factor_failures = (user.second_factor_failures or 0) + 1
    if user.second_factor_failures >= current_app.config["LOGIN_MAX_FAILURES"]:
        user.locked_until = utcnow() + current_app.config["LOGIN_LOCKOUT"]
        user.second_factor_failures = 0
        return True
    return False


def is_locked(user: User) -> bool:
    return bool(user.locked_until and user.locked_until > utcnow())


def reset_two_factor(user: User) -> None:
    """Forget the authenticator and the recovery codes: the user enrols again at next sign-in."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    user.second_factor_failures = 0
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def current_code_for_tests(user: User) -> str:
    """For the test suite's sign-in helper only: finish a pending enrolment, forget the last used
    step (so that signing in several times within 30 seconds works) and return the current code."""
    if user.totp_secret is None:
        start_enrolment(user)
    if user.totp_enabled_at is None:
        user.totp_enabled_at = utcnow()
    step = int(time.time() // STEP_SECONDS)
    user.totp_last_step = step - 2
    return pyotp.TOTP(user.totp_secret).at(step * STEP_SECONDS)
