"""Helpers for the API tests: personal access tokens for the users of a test world."""

from datetime import timedelta

from desk.auth.token_services import create_token
from desk.extensions import db


def token_for(user, scope="write", days=30) -> str:
    _token, secret = create_token(user, f"{scope} token", scope, days)
    db.session.commit()
    return secret


def bearer(secret: str, **headers) -> dict:
    return {"Authorization": f"Bearer {secret}", **headers}


class ApiCaller:
    """One user's calls, with their token: api.get(path), api.post(path, json, if_match)."""

    def __init__(self, client, secret: str, locale: str | None = None):
        self.client, self.secret, self.locale = client, secret, locale

    def _headers(self, if_match=None, **extra):
        if self.locale:
            extra.setdefault("Accept-Language", self.locale)
        if if_match:
            extra["If-Match"] = if_match
        return bearer(self.secret, **extra)

    def get(self, path, headers=None, **kwargs):
        return self.client.get("/api/v1" + path, headers=self._headers(**(headers or {})),
                               **kwargs)

    def post(self, path, json=None, if_match=None, headers=None, **kwargs):
        return self.client.post("/api/v1" + path, json=json,
                                headers=self._headers(if_match, **(headers or {})), **kwargs)


def callers(client, world, scope="write") -> dict:
    return {role: ApiCaller(client, token_for(user, scope)) for role, user in world.users.items()}


ONE_YEAR = timedelta(days=366)
