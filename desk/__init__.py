"""Sportello: case management for multilingual one-stop integration desks."""

from flask import Flask

from .extensions import babel, csrf, db, login_manager, migrate


def create_app(config_overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(_instance_dir()), instance_relative_config=True)

    from .settings import load_config

    load_config(app, config_overrides)

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(_project_dir() / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    login_manager.init_app(app)

    from .i18n import init_i18n

    init_i18n(app, babel)

    from .database import configure_engine

    configure_engine(app)

    from . import models  # noqa: F401  (every table known to the metadata)
    from .inputs import init_inputs

    init_inputs(app)
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .cases import bp as cases_bp
    from .main import bp as main_bp
    from .people import bp as people_bp
    from .privacy import bp as privacy_bp
    from .supervision import bp as supervision_bp
    from .teams import bp as teams_bp
    from .vocab import bp as vocab_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(people_bp, url_prefix="/people")
    app.register_blueprint(cases_bp)
    app.register_blueprint(teams_bp, url_prefix="/teams")
    app.register_blueprint(supervision_bp, url_prefix="/supervision")
    app.register_blueprint(vocab_bp, url_prefix="/glossary")
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(privacy_bp, url_prefix="/privacy")

    from .auth.sessions import init_login
    from .nav import init_nav

    init_login(app, login_manager)
    init_nav(app)

    from .audit.services import init_audit
    from .errors import register_error_handlers
    from .security_headers import register_security_headers

    register_error_handlers(app)
    init_audit(app)
    register_security_headers(app)

    from . import timeutil

    app.add_template_global(timeutil.today, "desk_today")
    app.add_template_filter(timeutil.local_day, "local_day")

    from .cli import register_cli

    register_cli(app)
    return app


def _project_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


def _instance_dir():
    return _project_dir() / "instance"
