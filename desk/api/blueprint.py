"""The JSON API's blueprint (/api/v1): every request carries a personal access token, is
counted against that token's rate limit, and refused field by field in the caller's language.
"""

import hashlib

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_smorest import Blueprint
from flask_smorest.exceptions import NotModified
from webargs.flaskparser import FlaskParser, abort

from ..extensions import csrf, limiter

INVALID_JSON = _l("The body is not valid JSON.")


class JsonParser(FlaskParser):
    # A body of the wrong shape is a bad request (400); 422 is kept for a rule's refusal.
    DEFAULT_VALIDATION_STATUS = 400

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        abort(400, exc=error, messages={"json": {"_body": [INVALID_JSON]}})


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = JsonParser()
    # A change to a record is a POST on one of its actions (accept, decline, complete): those
    # marked @bp.etag need the ETag read, in If-Match (428 without it, 412 if it is stale).
    METHODS_NEEDING_CHECK_ETAG = ["POST", "PUT", "PATCH", "DELETE"]

    def _check_not_modified(self, etag):
        g.api_etag = etag  # for the 304's own ETag header
        super()._check_not_modified(etag)


bp = ApiBlueprint("api", __name__, url_prefix="/api/v1",
                  description="Sportello's JSON API (personal access tokens).")
# A token, not a cookie, says who calls: nothing for a forged cross-site form to ride on.
csrf.exempt(bp)


def token_key() -> str:
    """The rate limit's key: the token sent (its hash), or the address when none is sent."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer " and header[7:].strip():
        return "api-token:" + hashlib.sha256(header[7:].strip().encode("utf-8", "replace")).hexdigest()
    return "api-address:" + get_remote_address()


limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=token_key)(bp)


@bp.errorhandler(NotModified)
def not_modified(_error):
    response = current_app.response_class(status=304)
    if g.get("api_etag"):
        response.set_etag(g.api_etag)
    return response


@bp.after_request
def link_to_next_page(response):
    if link := g.pop("api_next_link", None):
        response.headers["Link"] = f'<{link}>; rel="next"'
    return response
