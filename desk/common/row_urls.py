"""Links of a long list, built once per page: `url_for` resolves the rule for every call, so
a 50-row queue with four links a row spent a good part of its time there (issue 21)."""

from collections.abc import Callable
from urllib.parse import urlencode

from flask import url_for

_MARK = 918273645


def row_url(endpoint: str, key: str, **values) -> Callable[..., str]:
    """A function of one integer id (and query arguments) giving the URL that
    `url_for(endpoint, key=id, **values, **query)` gives, with `url_for` called once."""
    head, tail = url_for(endpoint, **values, **{key: _MARK}).split(str(_MARK), 1)
    if "?" in tail:
        raise ValueError("row_url: pass query arguments per row, not in `values`")

    def build(id_: int, **query) -> str:
        link = f"{head}{int(id_)}{tail}"
        query = {name: value for name, value in query.items() if value is not None}
        return f"{link}?{urlencode(query)}" if query else link
    return build
