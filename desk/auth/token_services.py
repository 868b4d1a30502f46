"""Personal access tokens: created by their user (the secret shown once), revoked by their
user or by an administrator. Only the SHA-256 of the secret is stored."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from ..audit.services import audit
from ..common.clock import utcnow
from ..extensions import db
from ..models.api_tokens import ApiToken

SECRET_PREFIX = "spt_"
# How long a token may live; a token for a nightly job is renewed once a year at most.
EXPIRY_CHOICES_DAYS = (7, 30, 90, 365)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(actor, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token of `actor`, and its secret (never stored, never shown again)."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=actor.id, name=name.strip()[:80], scope=scope,
                     token_hash=hash_secret(secret), prefix=secret[:10],
                     created_at=utcnow(), expires_at=utcnow() + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    audit("api_token_created", token, user=actor, object_type="api_token",
          detail={"scope": scope, "days": days, "owner": actor.id})
    return token, secret


def revoke_token(actor, token: ApiToken) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    token.revoked_by_id = actor.id
    db.session.flush()
    audit("api_token_revoked", token, user=actor, object_type="api_token",
          detail={"owner": token.user_id})


def tokens_of(user) -> list[ApiToken]:
    return list(db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())))


def own_token_or_none(user, token_id: int) -> ApiToken | None:
    return db.session.scalar(select(ApiToken).where(ApiToken.id == token_id,
                                                    ApiToken.user_id == user.id))


def token_by_secret(secret: str) -> ApiToken | None:
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(secret)))
