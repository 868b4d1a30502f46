"""Configuration classes. Layers: class defaults, then instance/config.py, then environment."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


class Config:
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'sportello.sqlite'}"
    # Each pooled connection is checked before use: after a database restart the first request
    # of every worker reconnects instead of failing.
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 10_000
    # What a page records on the side (its audit rows, the session's last activity) waits at
    # most this long for another writer's lock; then it is written a moment later instead.
    WRITE_ASIDE_WAIT_MS = 250
    # Whom people should call when the desk's storage is full or the database is read-only,
    # shown on that error page (e.g. "IT support, 011 123 4567"); "" shows no contact.
    SUPPORT_CONTACT = ""
    # /healthz reports the database as full when its disk has less free space than this.
    HEALTH_MIN_FREE_MB = 100
    # Read the database file through a memory map (shared by every connection and worker, no
    # copy per read) and keep a larger page cache per connection: on a desk's database of a
    # few hundred MB this halves the time of the queries that read many rows (docs/benchmarks.md).
    SQLITE_MMAP_BYTES = 1 << 30
    SQLITE_CACHE_KIB = 32_768
    # PostgreSQL's JIT compiles a query whose estimated cost is high before running it: for
    # the dashboard's and the observatory's queries, which run in tens of milliseconds, the
    # compiling costs more than it saves (dashboard at 100,000 people 157 -> 116 ms median
    # without it; docs/operations.md). Each connection switches it off unless this is True.
    POSTGRESQL_JIT = False

    BABEL_DEFAULT_LOCALE = "it"
    BABEL_DEFAULT_TIMEZONE = "Europe/Rome"
    # The UI catalogues, then the print-only ones (person-facing texts; docs/translations.md).
    BABEL_TRANSLATION_DIRECTORIES = f"{BASE_DIR / 'translations'};{BASE_DIR / 'translations-print'}"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "sportello_session"
    REMEMBER_COOKIE_DURATION = timedelta(hours=8)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # A login session ends after this much inactivity, and in any case after the absolute limit.
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)

    # Sign-in throttling, counting failed attempts only. An address that keeps failing waits;
    # an account is slowed (a pause after each failure), never locked by a stranger: the
    # limit that stops the owner's own address counts that address alone.
    LOGIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"
    LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ACCOUNT = "5 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Flask-Compress: pages and other text responses built in memory are compressed; streamed
    # responses (static files, downloads) are not (it would read them without closing them).
    COMPRESS_STREAMS = False
    # The JSON API (desk.api): requests per personal access token, and its OpenAPI document.
    API_RATE_LIMIT = "120 per minute"
    API_TITLE = "Sportello API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    # Wrong second-factor codes (the password was right): after this many the account waits.
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT = timedelta(minutes=15)
    PASSWORD_MIN_LENGTH = 12
    # Two-factor sign-in (TOTP) is required for users with any of these roles.
    TOTP_REQUIRED_ROLES = frozenset({"supervisor", "admin", "partner", "coordinator"})
    # ... for members of teams of these kinds (who read confidential clinical notes) ...
    TOTP_REQUIRED_TEAM_KINDS = frozenset({"health"})
    # ... and for everyone who sees case content at these sites (site codes).
    TOTP_REQUIRED_AT_SITES: frozenset = frozenset()
    TOTP_ISSUER = "Sportello"
    # Time allowed between the password step and the code step of a sign-in.
    TOTP_PENDING_LIFETIME = timedelta(minutes=5)
    RECOVERY_CODE_COUNT = 10
    # Exports, erasure and role changes need the password entered within this window.
    FRESH_LOGIN_WINDOW = timedelta(minutes=10)
    # A person is pseudonymised this many years after their last case closed (or, without a
    # case, after their last contact), unless a case is open or a legal hold is set.
    RETENTION_YEARS = 10
    # The privacy notice (GDPR art. 13) names these: the data controller and how to reach it,
    # the data protection officer, and the processors that hold data for the controller.
    PRIVACY_CONTROLLER = "Sportello — associazione di promozione sociale"
    PRIVACY_CONTROLLER_CONTACT = "via Esempio 1, 10100 Torino · privacy@sportello.example · 011 000 0000"
    PRIVACY_DPO_CONTACT = "dpo@sportello.example"
    PRIVACY_PROCESSORS = "Esempio Hosting S.r.l."

    # What a request may carry: forms only (the longest, a note, is 20,000 characters), so a
    # large body is refused before it is read (413), and so are forms of too many fields.
    MAX_CONTENT_LENGTH = 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 512 * 1024
    MAX_FORM_PARTS = 500

    # Attached documents (desk.attachments): the largest file accepted, the most pixels an
    # image may declare (a larger one is refused as a decompression bomb), and the folder of
    # the local store (files named by their SHA-256, outside the static folder).
    ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    ATTACHMENT_MAX_PIXELS = 60_000_000
    ATTACHMENT_DIR = str(INSTANCE_DIR / "attachments")
    WTF_CSRF_TIME_LIMIT = None
    # Days within which a referral must be answered, by priority.
    REFERRAL_DUE_DAYS = {"urgent": 2, "normal": 10, "low": 30}

    # Notifications (desk/notifications). E-mail for a kind a user has not chosen for:
    # "immediate", "digest" or "off". Overdue referrals tell the assignee when due, the whole
    # team and then the site's supervisors this many days past the due date.
    NOTIFY_EMAIL_DEFAULT = "digest"
    NOTIFY_ESCALATION_DAYS = {"team": 2, "supervisor": 5}
    # Digests are built from this hour of the desk's day (BABEL_DEFAULT_TIMEZONE, Europe/Rome).
    NOTIFY_DIGEST_HOUR = 7
    # Links in e-mails start here (the address users open the desk at).
    NOTIFY_BASE_URL = "http://127.0.0.1:5000"
    # Delivery: attempts before a message is failed (then retried only by an administrator),
    # the first retry's delay (doubled each time), and how long a send may take before the
    # message counts as interrupted (never sent again by itself: it may have left).
    NOTIFY_MAX_ATTEMPTS = 6
    NOTIFY_RETRY_SECONDS = 60
    NOTIFY_SENDING_LEASE = timedelta(minutes=10)
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_FROM = "Sportello <sportello@localhost>"
    MAIL_TIMEOUT_SECONDS = 20
    # The task queue (worker.py): SQLite beside the database unless HUEY_REDIS_URL names Redis.
    HUEY_REDIS_URL: str | None = None
    HUEY_SQLITE_PATH = str(INSTANCE_DIR / "huey.sqlite")
    # True runs a queued task at once, in the process that queued it (the tests).
    HUEY_IMMEDIATE = False
    # Registers uploaded to be imported (counter.import_upload_services): the largest file, the
    # folder they wait in (outside the static folder), and how long an upload stays usable.
    REGISTER_UPLOAD_MAX_BYTES = 8 * 1024 * 1024
    REGISTER_UPLOAD_DIR = str(INSTANCE_DIR / "register_uploads")
    REGISTER_UPLOAD_HOURS = 24
    # The scheduler also runs the retention job (privacy.retention) once a day.
    NOTIFY_RUN_RETENTION = True
    # Appointment reminders for the person: "file" writes each text to REMINDER_OUTBOX_DIR
    # (no SMS provider is called); another sender plugs in through notifications.reminders.
    REMINDER_SENDER = "file"
    REMINDER_OUTBOX_DIR = str(INSTANCE_DIR / "reminders")
    # Figures slow to count that change rarely (Flask-Caching): files under instance/cache,
    # shared by the workers of one machine; Redis when CACHE_REDIS_URL is set (several
    # instances). The observatory keeps a quarter's protected figures this long.
    CACHE_TYPE = "FileSystemCache"
    CACHE_DIR = str(INSTANCE_DIR / "cache")
    CACHE_DEFAULT_TIMEOUT = 3600
    CACHE_THRESHOLD = 500
    OBSERVATORY_CACHE_SECONDS = 3600
    TESTING = False


class DevelopmentConfig(Config):
    DEBUG = False


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    SECRET_KEY = "testing-only-secret"
    AUDIT_KEY = "testing-only-audit-key"
    FIELD_KEY = "testing-only-field-key"
    # Cheap hashing keeps the suite fast; production uses argon2 defaults.
    PASSWORD_HASH_FAST = True
    # The test's own session reads between requests; it must not hold the write lock.
    SQLITE_LOCK_OUTSIDE_REQUESTS = False
    HUEY_IMMEDIATE = True
    # Each test counts its own data afresh (tests/test_observatory_cache.py turns it on).
    CACHE_TYPE = "NullCache"
    CACHE_NO_NULL_WARNING = True


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def environment_overrides() -> dict:
    """Settings taken from the environment: secrets and the database URL."""
    overrides: dict = {}
    if os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        overrides["SQLALCHEMY_DATABASE_URI"] = url
    # Rate limits: one storage for every instance (Redis), a key prefix when several
    # deployments share that Redis, and the API's limit per token.
    for key in ("RATELIMIT_STORAGE_URI", "RATELIMIT_KEY_PREFIX", "API_RATE_LIMIT"):
        if os.environ.get(key):
            overrides[key] = os.environ[key]
    for key in ("MAIL_SERVER", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_FROM", "NOTIFY_BASE_URL",
                "HUEY_REDIS_URL"):
        if os.environ.get(key):
            overrides[key] = os.environ[key]
    if os.environ.get("CACHE_REDIS_URL"):
        overrides["CACHE_TYPE"] = "RedisCache"
        overrides["CACHE_REDIS_URL"] = os.environ["CACHE_REDIS_URL"]
    if os.environ.get("MAIL_PORT", "").isdigit():
        overrides["MAIL_PORT"] = int(os.environ["MAIL_PORT"])
    if os.environ.get("SECRET_KEY"):
        overrides["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if os.environ.get("SUPPORT_CONTACT"):
        overrides["SUPPORT_CONTACT"] = os.environ["SUPPORT_CONTACT"]
    for name in ("PRIVACY_CONTROLLER", "PRIVACY_CONTROLLER_CONTACT", "PRIVACY_DPO_CONTACT",
                 "PRIVACY_PROCESSORS"):
        if os.environ.get(name):
            overrides[name] = os.environ[name]
    if os.environ.get("RETENTION_YEARS", "").isdigit():
        overrides["RETENTION_YEARS"] = int(os.environ["RETENTION_YEARS"])
    # Second factor by team kind and by site, comma-separated ("" turns the default off).
    for name in ("TOTP_REQUIRED_TEAM_KINDS", "TOTP_REQUIRED_AT_SITES"):
        if name in os.environ:
            overrides[name] = frozenset(v.strip() for v in os.environ[name].split(",") if v.strip())
    if os.environ.get("SESSION_IDLE_MINUTES", "").isdigit():
        overrides["SESSION_IDLE_TIMEOUT"] = timedelta(minutes=int(os.environ["SESSION_IDLE_MINUTES"]))
    return overrides
