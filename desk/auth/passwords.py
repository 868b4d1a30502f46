"""Password hashing with Argon2id (argon2-cffi)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app

_strong = PasswordHasher()
# For the test suite only: the same algorithm with tiny cost parameters.
_fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def _hasher() -> PasswordHasher:
    return _fast if current_app.config.get("PASSWORD_HASH_FAST") else _strong


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# Verified against when the account does not exist, so both failures take the same time.
_DUMMY_HASHES: dict[bool, str] = {}


def burn_time(password: str) -> None:
    fast = bool(current_app.config.get("PASSWORD_HASH_FAST"))
    if fast not in _DUMMY_HASHES:
        _DUMMY_HASHES[fast] = _hasher().hash("not-a-real-password")
    verify_password(_DUMMY_HASHES[fast], password)
