"""The cache of figures slow to count (Flask-Caching; config.CACHE_*).

Entries are kept apart per database (a folder each under CACHE_DIR, a key prefix in Redis),
so that two apps on one machine (the desk and a test server, two desks' databases) never read
each other's figures."""

import hashlib
from pathlib import Path

from flask import Flask

from ..extensions import cache


def init_cache(app: Flask) -> None:
    database = str(app.config.get("SQLALCHEMY_DATABASE_URI", ""))
    digest = hashlib.sha256(database.encode()).hexdigest()[:12]
    app.config.setdefault("CACHE_KEY_PREFIX", f"sportello-{digest}-")
    if str(app.config.get("CACHE_TYPE", "")).endswith("FileSystemCache"):
        app.config["CACHE_DIR"] = str(Path(app.config["CACHE_DIR"]) / digest)
    cache.init_app(app)
