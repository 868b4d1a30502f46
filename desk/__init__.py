"""Sportello: case management for multilingual one-stop integration desks.

The package stands on floors that import only downwards: `common` (small helpers), `vocab`
(codes and their labels), `models` (every table), `policy` (who may see and do what), `audit`
(the audit trail); above them one folder per thing a desk worker names (docs/architecture.md).
"""

from pathlib import Path

from flask import Flask

from . import (
    admin,
    api,
    attachments,
    auth,
    careplan,
    cases,
    counter,
    glossary,
    identity,
    main,
    models,  # noqa: F401  (every table known to the metadata)
    network,
    notifications,
    observatory,
    privacy,
    procedures,
    supervision,
    teamwork,
    training,
)
from .audit.services import init_audit
from .auth.sessions import init_login
from .cli import register_cli
from .common import clock, pagination
from .common.cache import init_cache
from .common.error_pages import register_error_handlers
from .common.fragments import init_fragments
from .common.i18n import init_i18n
from .common.inputs import MAX_ID, IdConverter, TextConverter, init_inputs
from .common.page_urls import init_page_urls
from .common.row_urls import row_url
from .common.security_headers import register_security_headers
from .common.settings import load_config
from .common.static_files import init_static_files
from .common.transactions import configure_engine, init_transactions
from .extensions import api_spec, babel, compress, csrf, db, limiter, login_manager, migrate
from .main.nav import init_nav
from .ops.task_queue import init_task_queue
from .vocab.templating import init_vocab_templates

PROJECT_DIR = Path(__file__).resolve().parent.parent

# (blueprint, URL prefix): areas whose routes all share a prefix have it here; the others
# (the counter, cases, care plan, team work) spell their addresses in full.
BLUEPRINTS = (
    (main.bp, None), (auth.bp, "/auth"), (counter.bp, None), (cases.bp, None),
    (careplan.bp, None), (teamwork.bp, None), (supervision.bp, "/supervision"),
    (glossary.bp, "/glossary"), (admin.bp, "/admin"), (privacy.bp, "/privacy"),
    (network.bp, None), (procedures.bp, None), (training.bp, "/training"),
    (notifications.bp, "/notifications"), (observatory.bp, "/observatory"), (identity.bp, None),
    (attachments.bp, None),
)


def create_app(config_overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(PROJECT_DIR / "instance"),
                instance_relative_config=True)
    load_config(app, config_overrides)
    register_extensions(app)
    register_blueprints(app)
    register_templates(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    init_cache(app)
    login_manager.init_app(app)
    init_i18n(app, babel)
    configure_engine(app)
    init_transactions(app)
    init_inputs(app)
    init_login(app, login_manager)
    init_audit(app)
    init_task_queue(app)


def register_blueprints(app: Flask) -> None:
    for blueprint, prefix in BLUEPRINTS:
        app.register_blueprint(blueprint, url_prefix=prefix)
    register_api(app)


def register_api(app: Flask) -> None:
    """/api/v1 and its OpenAPI document (flask-smorest; docs/api.md)."""
    api_spec.ERROR_SCHEMA = api.ProblemOut
    api_spec.init_app(app, spec_kwargs={"security": [{"bearerAuth": []}]})
    api_spec.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    api_spec.register_converter(IdConverter, lambda _c: {"type": "integer", "minimum": 0,
                                                          "maximum": MAX_ID})
    api_spec.register_converter(TextConverter, lambda _c: {"type": "string"})
    api_spec.register_blueprint(api.bp)
    app.register_blueprint(api.docs_bp)


def register_templates(app: Flask) -> None:
    init_static_files(app)
    init_page_urls(app)
    init_fragments(app)
    init_vocab_templates(app)
    init_nav(app)
    app.add_template_global(pagination.page_url)
    app.add_template_global(row_url)
    app.add_template_global(clock.today, "desk_today")
    app.add_template_filter(clock.local_day, "local_day")
