"""Configuration loading: class defaults, instance/config.py, environment, explicit overrides."""

import os
import secrets
from pathlib import Path

from flask import Flask

from config import CONFIGS, environment_overrides


class ConfigurationError(RuntimeError):
    pass


def load_config(app: Flask, overrides: dict | None) -> None:
    overrides = dict(overrides or {})
    name = overrides.pop("CONFIG", None) or os.environ.get("SPORTELLO_CONFIG") or "development"
    if overrides.get("TESTING") and name == "development":
        name = "testing"
    if name not in CONFIGS:
        raise ConfigurationError(f"Unknown configuration {name!r}; use one of {sorted(CONFIGS)}")
    app.config.from_object(CONFIGS[name])
    app.config["CONFIG_NAME"] = name
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(environment_overrides())
    app.config.update(overrides)
    if not app.config.get("SECRET_KEY"):
        if name == "production":
            raise ConfigurationError("Production needs SECRET_KEY in the environment.")
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    # Keys kept outside the database: the audit chain's (desk.audit.chain) and the one that
    # encrypts second-factor secrets (desk.auth.twofactor). From the environment, else
    # generated into instance/ on first start; a backup of the database alone holds neither.
    for name, filename in (("AUDIT_KEY", "audit_key"), ("FIELD_KEY", "field_key")):
        if os.environ.get(name):
            app.config[name] = os.environ[name]
        if not app.config.get(name):
            app.config[name] = _instance_secret(Path(app.instance_path), filename)


def _instance_secret(instance: Path, filename: str = "secret_key") -> str:
    """A secret generated on first start and kept in instance/ (never committed)."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / filename
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
