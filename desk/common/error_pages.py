"""Error pages in the user's language; for the JSON API (/api/), problem details (RFC 9457)
in the caller's language instead of a page."""

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..extensions import db

MESSAGES = {
    400: (
        _l("Request not understood"),
        _l("The form could not be read. Go back, reload the page and try again."),
    ),
    403: (
        _l("Not allowed"),
        _l("Your role does not allow you to see this page. If you think you need it, ask your supervisor."),
    ),
    404: (_l("Not found"), _l("This page does not exist, or it is not available to you.")),
    405: (_l("Not allowed"), _l("This address cannot be used in this way.")),
    409: (
        _l("Changed by someone else"),
        _l(
            "Someone else changed this record while you were working. "
            "Reload the page to see their change, then try again."
        ),
    ),
    413: (_l("Too large"), _l("What you sent is too large for the desk (at most 1 MB of text). "
                              "Shorten it, or split it into several notes, and try again.")),
    429: (_l("Please wait"), _l("Too many attempts in a short time. Wait a little (a few seconds, "
                                "or some minutes after many attempts) and try again.")),
    500: (
        _l("Something went wrong"),
        _l("Nothing was saved. Try again; if it happens again, tell your administrator."),
    ),
}


# What a program calling the API is told (the pages' wording speaks of pages and forms).
API_MESSAGES = {
    400: (_l("Request not understood"),
          _l("The request could not be read: check the JSON body and the fields named in "
             "“errors”.")),
    401: (_l("Not signed in"),
          _l("Send a valid personal access token in the header “Authorization: Bearer …”. "
             "A token that has expired or was revoked no longer works: create a new one on "
             "your account page.")),
    403: (_l("Not allowed"),
          _l("Your role, or this token's scope, does not allow this.")),
    404: (_l("Not found"), _l("This record does not exist, or it is not available to you.")),
    405: MESSAGES[405],
    409: (_l("Changed by someone else"),
          _l("Someone else changed this record since you read it. Read it again, then send "
             "the change with its new version.")),
    413: (_l("Too large"), _l("The request body is too large.")),
    415: (_l("Not JSON"), _l("Send the body as JSON (Content-Type: application/json).")),
    422: (_l("Refused"), _l("The request was understood, but a rule of the desk refuses it.")),
    429: (_l("Please wait"),
          _l("Too many requests with this token in a short time. Wait a little and try again.")),
    500: MESSAGES[500],
}


def _plain(value):
    """Messages (lazy translations included) as JSON-ready strings, in the reader's locale."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def _field_errors(error) -> dict:
    """Field messages of a refused request, whatever part of it (JSON body, query) they are in."""
    messages = (getattr(error, "data", None) or {}).get("messages") or {}
    merged = {}
    for part in messages.values() if isinstance(messages, dict) else ():
        if isinstance(part, dict):
            merged.update({field: found if isinstance(found, list | dict) else [found]
                           for field, found in part.items()})
    return _plain(merged)


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def api_problem(code: int, error=None):
    title, detail = API_MESSAGES.get(code, MESSAGES.get(code, API_MESSAGES[400]))
    described = getattr(error, "description", None)
    if (isinstance(error, HTTPException) and code != 429 and isinstance(described, str)
            and described != type(error).description):
        detail = described  # a message the API itself gave (already translated)
    body = {"type": "about:blank", "title": str(title), "status": code, "detail": str(detail)}
    if errors := _field_errors(error):
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = code
    response.content_type = "application/problem+json"
    if code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="sportello"'
    for name, value in (getattr(error, "headers", None) or {}).items() if code == 429 else ():
        response.headers[name] = value
    return response


def register_error_handlers(app: Flask) -> None:
    def render(code: int, error=None):
        if is_api_request():
            return api_problem(code, error)
        if code not in MESSAGES:
            return error
        title, message = MESSAGES[code]
        return render_template("error.html", code=code, title=title, message=message), code

    for code in (*MESSAGES, 401, 415, 422):
        if code == 500:
            continue
        app.register_error_handler(code, lambda error, code=code: render(code, error))

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render(400)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render(500, error)
