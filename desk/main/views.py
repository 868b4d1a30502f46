from flask import jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..nav import home_endpoint
from . import bp


@bp.route("/")
@login_required
def home():
    endpoint = home_endpoint(current_user)
    if endpoint:
        return redirect(url_for(endpoint))
    return render_template("main/home.html")


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok")
