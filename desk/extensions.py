"""Extension objects, created once and bound to the app in create_app()."""

from flask_babel import Babel
from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
login_manager = LoginManager()
csrf = CSRFProtect()
# Text responses (HTML, CSS, JavaScript, JSON, CSV) compressed when the browser accepts it.
compress = Compress()
# Sign-in throttling (desk/auth/throttle.py): memory by default, RATELIMIT_STORAGE_URI (Redis)
# when several workers or instances must count together.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
# Figures slow to count that change rarely (config.CACHE_*; desk.common.cache).
cache = Cache()


class DeskApi(Api):
    """flask-smorest's Api (the OpenAPI document of desk.api), without its app-wide error
    handler: error responses are common.error_pages' (JSON for /api/, pages elsewhere)."""

    # Errors are answered as problem details (RFC 9457); ERROR_SCHEMA is desk.api's.
    PROBLEM_CONTENT_TYPE = "application/problem+json"

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        success = self.DEFAULT_RESPONSE_CONTENT_TYPE
        self.DEFAULT_RESPONSE_CONTENT_TYPE = self.PROBLEM_CONTENT_TYPE
        try:
            super()._register_responses()
        finally:
            self.DEFAULT_RESPONSE_CONTENT_TYPE = success


api_spec = DeskApi()
