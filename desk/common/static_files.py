"""Static files with fingerprinted addresses: every `url_for('static', ...)` (and a
blueprint's static route) carries `?v=` and a hash of the file's content, so a browser may
keep the file for a year — a changed file has a new address. A request without the
fingerprint (an old bookmark, a font named from the CSS) gets the ordinary short caching."""

import hashlib
from pathlib import Path

from flask import Flask, current_app, request

FINGERPRINT = "v"
ONE_YEAR = 365 * 24 * 3600


def _static_folder(endpoint: str) -> str | None:
    if endpoint == "static":
        return current_app.static_folder
    blueprint = current_app.blueprints.get(endpoint.rpartition(".")[0])
    return blueprint.static_folder if blueprint else None


def _fingerprint(folder: str, filename: str, cache: dict) -> str | None:
    path = Path(folder, filename)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    key = str(path)
    if key not in cache or cache[key][0] != stamp:
        cache[key] = (stamp, hashlib.sha256(path.read_bytes()).hexdigest()[:12])
    return cache[key][1]


def is_static_endpoint(endpoint: str | None) -> bool:
    return bool(endpoint) and (endpoint == "static" or endpoint.endswith(".static"))


def init_static_files(app: Flask) -> None:
    cache: dict[str, tuple[int, str]] = {}

    @app.url_defaults
    def add_fingerprint(endpoint, values):
        if not is_static_endpoint(endpoint) or FINGERPRINT in values or "filename" not in values:
            return
        folder = _static_folder(endpoint)
        if folder and (digest := _fingerprint(folder, values["filename"], cache)):
            values[FINGERPRINT] = digest

    @app.after_request
    def cache_fingerprinted(response):
        if (is_static_endpoint(request.endpoint) and response.status_code in (200, 304)
                and request.args.get(FINGERPRINT)):
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        return response
