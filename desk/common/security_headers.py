"""HTTP headers that protect every response."""

from flask import Flask, current_app, g, request
from flask_login import current_user

from .static_files import is_static_endpoint

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# No camera, microphone, location and the like: the app never needs them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


def _may_hold_personal_data() -> bool:
    """Pages of a signed-in user, and the sign-in pages themselves (two-step secrets, codes)."""
    if is_static_endpoint(request.endpoint):
        return False
    if getattr(current_app.view_functions.get(request.endpoint), "no_personal_data", False):
        return False  # a file of the app itself, e.g. the guide's screenshots of demo data
    if g.get("plain_error_page"):
        return True  # drawn without the database: who is signed in is not known
    signed_in = bool(current_user and current_user.is_authenticated)
    return signed_in or request.blueprint in ("auth", "admin")


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def set_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config["CONFIG_NAME"] == "production":
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        # Pages that may show personal data are never stored by the browser or a proxy.
        if _may_hold_personal_data():
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response
