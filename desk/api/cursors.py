"""Cursor pagination, once for every list of the API.

A list is read in a fixed order that ends on the row's id, so it has no ties; a page is the
first `limit` rows after the last row of the previous page (keyset, not OFFSET: a row added or
removed meanwhile never makes another one appear twice or be skipped). The cursor carries that
last row's sort key, signed with the app's secret and bound to the list and its filters: a
cursor that was changed, or sent to another list, is refused (400) rather than trusted.
A cursor is signed, not encrypted (anyone can read it, and it lands in the Link header and in
access logs): its key holds no personal data, only ids, dates and scores."""

import hashlib
import json
from datetime import date, datetime

from flask import current_app, g, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import and_, or_

from .formbridge import refuse

SALT = "api-list-cursor"
# The OpenAPI description of the header every list page but the last carries.
NEXT_LINK = {"Link": {"description": 'The next page: `<path?…&cursor=…>; rel="next"` '
                                     "(absent on the last page).",
                      "schema": {"type": "string"}}}
PAGING_ARGS = ("cursor", "limit")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)


def _fingerprint() -> str:
    """The list a cursor belongs to: the route, its path values and its filters."""
    filters = sorted((k, v) for k, v in request.args.items(multi=True) if k not in PAGING_ARGS)
    what = [request.endpoint, sorted((request.view_args or {}).items()), filters]
    return hashlib.sha256(json.dumps(what, default=str).encode()).hexdigest()[:24]


def _encode(value):
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _decode(value):
    if isinstance(value, dict):
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        return date.fromisoformat(value["d"])
    return value


def bad_cursor():
    refuse(400, errors={"cursor": [_(
        "This cursor does not belong to this list (it was changed, or the filters are not the "
        "same): ask for the first page again, without “cursor”.")]})


def read_cursor() -> list | None:
    """The sort key after which this page starts, or None for the first page."""
    token = request.args.get("cursor")
    if not token:
        return None
    try:
        data = _serializer().loads(token)
        if data["f"] != _fingerprint():
            bad_cursor()
        return [_decode(value) for value in data["k"]]
    except (BadData, KeyError, TypeError, ValueError):
        bad_cursor()


def after(columns, key, descending=False):
    """The SQL condition "the row's (columns) come after `key`" in the list's order."""
    condition = None
    for index in reversed(range(len(columns))):
        column, value = columns[index], key[index]
        step = column < value if descending else column > value
        condition = step if condition is None else or_(step, and_(column == value, condition))
    return condition


def page(rows: list, limit: int, key_of) -> dict:
    """The answer for `rows` (read with limit + 1): the page, and the link to the next one."""
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = None
    if more and rows:
        cursor = _serializer().dumps({"f": _fingerprint(),
                                      "k": [_encode(value) for value in key_of(rows[-1])]})
    link = None
    if cursor:
        args = {k: v for k, v in request.args.lists() if k != "cursor"}
        link = url_for(request.endpoint, **(request.view_args or {}), **args, cursor=cursor)
        g.api_next_link = link
    return {"results": rows, "next_cursor": cursor, "next": link}
