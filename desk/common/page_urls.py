"""Templates' `url_for`, remembered for the links every page has (issue 21).

A page's top bar, menu and assets name a dozen endpoints without arguments and a few static
files; `url_for` resolves each rule on every call (8-18 µs). Within a request the address of
such a link depends only on the endpoint (and the file) and the application's root, so it is
built once per process. Anything else (arguments, `_anchor`, `_external`, a blueprint-relative
`.endpoint`, a call outside a request) goes to Flask's `url_for` as before. Static files are
remembered only outside debug and testing: there a changed file must get a new fingerprint
(common.static_files) without a restart."""

from flask import Flask, has_request_context, request


def init_page_urls(app: Flask) -> None:
    plain = app.url_for
    remembered: dict[tuple, str] = {}
    static_stable = not (app.debug or app.testing)

    def url_for(endpoint: str, **values) -> str:
        if values:
            if not (static_stable and endpoint == "static" and values.keys() == {"filename"}):
                return plain(endpoint, **values)
        elif endpoint.startswith("."):
            return plain(endpoint)
        if not has_request_context():
            return plain(endpoint, **values)
        key = (endpoint, values.get("filename"), request.script_root)
        found = remembered.get(key)
        if found is None:
            found = remembered[key] = plain(endpoint, **values)
        return found

    app.jinja_env.globals["url_for"] = url_for
