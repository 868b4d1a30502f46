"""Small helpers shared by the model modules."""

import base64
import hashlib

from cryptography.fernet import Fernet
from flask import current_app
from sqlalchemy import CheckConstraint, String
from sqlalchemy.types import TypeDecorator


def check_in(column: str, allowed, name: str | None = None, nullable: bool = False):
    """A CHECK constraint limiting `column` to the codes of a vocabulary."""
    values = ", ".join(f"'{code}'" for code in allowed)
    condition = f"{column} IN ({values})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=name or f"{column}_valid")


class Encrypted(TypeDecorator):
    """Text stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256) under a key kept outside
    the database (FIELD_KEY): a copy of the database alone does not reveal it. A value stored
    before encryption began (no Fernet token) still reads; it is encrypted when next written
    (and by the migration that introduced this type)."""

    impl = String(255)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else field_cipher().encrypt(value.encode()).decode()

    def process_result_value(self, value, dialect):
        if value is None or not value.startswith(FERNET_PREFIX):
            return value
        return field_cipher().decrypt(value.encode()).decode()


FERNET_PREFIX = "gAAAAA"


def field_cipher(key: str | None = None) -> Fernet:
    """The cipher of FIELD_KEY (any string: a Fernet key is derived from it)."""
    secret = key or current_app.config["FIELD_KEY"]
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))
