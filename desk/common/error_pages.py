"""Error pages in the reader's language.

A refusal (4xx) is shown in the normal layout, with the menu. A failure (500) and a database
fault (unreachable, busy, full, read-only) are shown on a plain page made without the
database: no user is looked up and no menu is built, the language comes from the request (the
session cookie, then Accept-Language), so the page still appears, translated, while the
database is down, locked or out of space. For the JSON API (/api/), problem details
(RFC 9457) in the caller's language instead of a page.
"""

from flask import Flask, current_app, g, jsonify, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

from ..extensions import db
from . import db_faults
from .i18n import is_rtl, request_locale

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

# (status, title, message) of each database fault; the contact is added to the last two.
FAULT_PAGES = {
    db_faults.UNREACHABLE: (503, _l("The database is not available"), _l(
        "The desk cannot reach its database at the moment, usually for a minute while it "
        "restarts. Nothing was saved. Wait a moment and try again; if it lasts more than a few "
        "minutes, tell your administrator.")),
    db_faults.BUSY: (503, _l("The desk is busy, try again"), _l(
        "Another change was being saved and yours could not wait any longer. Nothing was "
        "saved. Wait a few seconds and send it again.")),
    db_faults.FULL: (507, _l("Storage is full"), _l(
        "The desk's storage (its disk) is full, so nothing can be saved: what you just sent "
        "was not saved. Tell your administrator at once; work can go on once space has been "
        "freed.")),
    db_faults.READ_ONLY: (503, _l("The database accepts no changes"), _l(
        "The desk's database is read-only at the moment (for maintenance, or after a fault), "
        "so what you just sent was not saved. Tell your administrator.")),
}
FAULT_PAGES[db_faults.DISCONNECTED] = FAULT_PAGES[db_faults.UNREACHABLE]
CONTACT = _l("Whom to call: %(contact)s")


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
    412: (_l("Changed by someone else"),
          _l("This record changed since you read it: the ETag sent in “If-Match” is no "
             "longer its own. Read it again, check the change, then send yours with the new "
             "ETag.")),
    413: (_l("Too large"), _l("The request body is too large.")),
    415: (_l("Not JSON"), _l("Send the body as JSON (Content-Type: application/json).")),
    422: (_l("Refused"), _l("The request was understood, but a rule of the desk refuses it.")),
    428: (_l("ETag needed"),
          _l("A change to this record needs the ETag you read, in the header “If-Match” "
             "(read the record first: its answer carries the ETag).")),
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


def api_problem(code: int, error=None, title=None, detail=None):
    if title is None:
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
    for code in (*MESSAGES, 401, 412, 415, 422, 428):
        if code != 500:
            app.register_error_handler(code, lambda error, code=code: _refusal(code, error))

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return _refusal(400)

    @app.errorhandler(DBAPIError)
    def database_error(error):
        return _database_fault(error)

    @app.errorhandler(500)
    def server_error(error):
        return _failure(getattr(error, "original_exception", None))


def _refusal(code: int, error=None):
    if is_api_request():
        return api_problem(code, error)
    if code not in MESSAGES:
        return error
    title, message = MESSAGES[code]
    try:
        return render_template("error.html", code=code, title=title, message=message), code
    except SQLAlchemyError:
        _rollback()  # the menu needs the user, and the database is gone: the plain page
        return plain_page(code, title, message)


def _database_fault(error: DBAPIError):
    kind = db_faults.fault_of(error)
    if kind == db_faults.DISCONNECTED and request.method in ("GET", "HEAD") and not g.get(
            "desk_retried"):
        # The connection was lost under a page that only reads: read it once more on a new
        # connection (the pool checks each one before use), so a restart costs nothing here.
        g.desk_retried = True
        _rollback()
        db.session.remove()
        for name in ("_login_user", "people_shown", "deferred_audit"):
            g.pop(name, None)
        response = current_app.preprocess_request()
        return response if response is not None else current_app.dispatch_request()
    return _failure(error)


def _failure(error: BaseException | None):
    _rollback()
    kind = db_faults.fault_of(error)
    db_faults.remember(kind)
    if kind in FAULT_PAGES:
        code, title, message = FAULT_PAGES[kind]
        current_app.logger.warning("database fault (%s): %s", kind, error)
        if is_api_request():
            return api_problem(code, title=title, detail=message)
        return plain_page(code, title, message, with_contact=kind in (db_faults.FULL,
                                                                       db_faults.READ_ONLY))
    if error is not None and isinstance(error, DBAPIError):
        current_app.logger.error("database error: %s", error)
    if is_api_request():
        return api_problem(500)
    title, message = MESSAGES[500]
    return plain_page(500, title, message)


def plain_page(code: int, title, message, with_contact: bool = False):
    """The error page drawn without the database (no user, no menu, no flashed messages)."""
    g.plain_error_page = True
    locale = request_locale()
    contact = current_app.config.get("SUPPORT_CONTACT") if with_contact else None
    with force_locale(locale):
        html = current_app.jinja_env.get_template("error_plain.html").render(
            code=code, title=str(title), message=str(message), locale=locale,
            rtl=is_rtl(locale), contact=str(CONTACT % {"contact": contact}) if contact else None)
    headers = {"Retry-After": "5"} if code == 503 else {}
    return html, code, headers


def _rollback() -> None:
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.remove()
