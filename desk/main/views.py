from pathlib import Path

from flask import Response, current_app, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..common.db_health import database_state
from ..common.transactions import read_only
from ..notifications.services import outbox_backlog
from .blueprint import bp
from .nav import home_endpoint


@bp.route("/")
@login_required
def home():
    endpoint = home_endpoint(current_user)
    if endpoint:
        return redirect(url_for(endpoint))
    return render_template("main/home.html")


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for it at the root whatever the page says (read once, 2 KB)."""
    global _favicon
    if _favicon is None:
        _favicon = (Path(current_app.static_folder) / "img" / "favicon.ico").read_bytes()
    response = Response(_favicon, mimetype="image/vnd.microsoft.icon")
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 24 * 3600
    return response


_favicon: bytes | None = None


@bp.route("/healthz")
@read_only
def healthz():
    """200 while the database answers and takes changes; 503 when it is unreachable,
    read-only or out of space, so that monitoring sees it (a writer holding the lock is
    "writes: busy", still 200). It also reports the e-mail queue's backlog ("outbox")."""
    state = database_state()
    if state["database"] != "ok":
        return jsonify(status="unavailable", **state), 503
    # The e-mail queue's backlog: reported, not a failure of the desk itself.
    return jsonify(status="ok", **state, outbox=outbox_backlog())
