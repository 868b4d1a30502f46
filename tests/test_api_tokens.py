"""Personal access tokens: shown once, stored hashed, scoped, expiring, revocable by their
user and by an administrator; no cookie ever stands in for a token; per-token rate limit."""

from datetime import timedelta

from sqlalchemy import select

from desk.auth.token_services import hash_secret
from desk.extensions import db
from desk.models.api_tokens import ApiToken
from desk.models.audit import AuditLog

from .apiwork import ApiCaller, bearer, token_for
from .casework import build_world


def test_a_token_is_shown_once_and_stored_only_as_its_hash(app, make, client, auth):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    page = client.post("/auth/tokens", data={"name": "Nightly sync", "scope": "read",
                                             "days": "30"})
    assert page.status_code == 200
    token = db.session.scalar(select(ApiToken))
    text = page.get_data(as_text=True)
    secret = text.split('class="token-secret">')[1].split("<")[0]
    assert secret.startswith("spt_") and token.token_hash == hash_secret(secret)
    assert secret not in "".join(str(v) for v in (token.name, token.prefix, token.token_hash))
    again = client.get("/auth/tokens").get_data(as_text=True)
    assert "Nightly sync" in again and secret not in again
    assert client.get("/api/v1/people?q=x", headers=bearer(secret)).status_code == 200


def test_a_token_name_is_required(app, make, client, auth):
    make.user(email="op@example.test")
    auth.login("op@example.test")
    assert client.post("/auth/tokens", data={"name": " ", "scope": "read",
                                             "days": "30"}).status_code == 422
    assert client.post("/auth/tokens", data={"name": "x", "scope": "admin",
                                             "days": "30"}).status_code == 422
    assert db.session.scalar(select(ApiToken)) is None


def test_no_token_a_wrong_one_or_a_session_cookie_is_401(app, make, client, auth):
    make.user(email="op@example.test")
    auth.login("op@example.test")  # a signed-in browser's cookie does not open the API
    for headers in ({}, {"Authorization": "Bearer spt_nope"}, {"Authorization": "Basic eDp5"},
                    {"Authorization": "Bearer " + "x" * 5000}):
        response = client.get("/api/v1/people?q=x", headers=headers)
        assert response.status_code == 401
        assert response.content_type == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_401(app, make, client, clock, now):
    secret = token_for(make.user(), days=7)
    assert client.get("/api/v1/people?q=x", headers=bearer(secret)).status_code == 200
    clock.set(now + timedelta(days=8))
    assert client.get("/api/v1/people?q=x", headers=bearer(secret)).status_code == 401


def test_a_token_of_a_deactivated_user_is_401(app, make, client):
    user = make.user()
    secret = token_for(user)
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/people?q=x", headers=bearer(secret)).status_code == 401


def test_its_user_revokes_a_token_and_it_stops_working(app, make, client, auth):
    user = make.user(email="op@example.test")
    secret = token_for(user)
    token = db.session.scalar(select(ApiToken))
    auth.login("op@example.test")
    assert "write token" in client.get("/auth/tokens").get_data(as_text=True)
    response = client.post(f"/auth/tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert client.get("/api/v1/people?q=x", headers=bearer(secret)).status_code == 401
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "api_token_revoked"))


def test_nobody_revokes_another_users_token_from_their_account(app, make, client, auth):
    token_for(make.user(email="owner@example.test"))
    token = db.session.scalar(select(ApiToken))
    make.user(email="op@example.test")
    auth.login("op@example.test")
    assert client.post(f"/auth/tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None


def test_an_admin_revokes_a_users_token(app, make, client, auth):
    owner = make.user(email="owner@example.test")
    secret = token_for(owner)
    token = db.session.scalar(select(ApiToken))
    make.user(email="admin@example.test", roles=("admin",))
    auth.login("admin@example.test")
    page = client.get(f"/admin/users/{owner.id}").get_data(as_text=True)
    assert "write token" in page
    response = client.post(f"/admin/users/{owner.id}/tokens/{token.id}/revoke",
                           data={"confirm": "y"})
    assert response.status_code == 302
    assert client.get("/api/v1/people?q=x", headers=bearer(secret)).status_code == 401


def test_a_read_token_cannot_write(app, make, client):
    world = build_world(make)
    reader = ApiCaller(client, token_for(world.users["desk"], scope="read"))
    assert reader.get(f"/people/{world.case.person_id}").status_code == 200
    response = reader.post("/people", json={"given_name": "A", "family_name": "B",
                                            "privacy_notice_given": True})
    assert response.status_code == 403
    assert "solo leggere" in response.json["detail"]  # the user reads Italian


def test_the_rate_limit_counts_per_token(app, make, client):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    one, other = token_for(make.user()), token_for(make.user())
    codes = [client.get("/api/v1/people?q=x", headers=bearer(one)).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/api/v1/people?q=x", headers=bearer(one))
    assert limited.content_type == "application/problem+json"
    assert limited.json["status"] == 429
    assert client.get("/api/v1/people?q=x", headers=bearer(other)).status_code == 200


def test_last_use_is_noted(app, make, client, now):
    secret = token_for(make.user())
    client.get("/api/v1/people?q=x", headers=bearer(secret))
    token = db.session.scalar(select(ApiToken))
    assert token.last_used_at == now or token.last_used_at >= now
