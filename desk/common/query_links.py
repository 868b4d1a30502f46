"""Links to one endpoint that differ only in their query string, built from the endpoint's
address once (issue 21): a dashboard has hundreds of numbers, each a link to a filtered list,
and `url_for` resolves the rule on every call (15-20 µs each). The query string is encoded as
Werkzeug encodes it, so a link reads exactly as `url_for` would have written it."""

from urllib.parse import urlencode

from flask import url_for

# Werkzeug's own choice (werkzeug.urls._urlencode): https://url.spec.whatwg.org/#percent-encoded-bytes
_SAFE = "!$'()*,/:;?@"


class QueryLinks:
    """`links.get(endpoint, **args)` == `url_for(endpoint, **fixed, **args)` for endpoints
    whose rule takes no argument; arguments that are None are left out."""

    def __init__(self, **fixed):
        self.fixed = {k: v for k, v in fixed.items() if v is not None}
        self.bases: dict[str, str] = {}

    def get(self, endpoint: str, **args) -> str:
        base = self.bases.get(endpoint)
        if base is None:
            base = self.bases[endpoint] = url_for(endpoint)
        params = {**self.fixed, **{k: v for k, v in args.items() if v is not None}}
        return f"{base}?{urlencode(params, safe=_SAFE)}" if params else base
