import pytest

from desk import create_app
from desk.common.settings import ConfigurationError


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/a.sqlite"})
    app.instance_path = str(tmp_path)  # only for reading the file below
    first = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/a.sqlite"})
    assert app.config["SECRET_KEY"] and len(app.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError):
        create_app({"CONFIG": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_cookies_are_secure(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = create_app({"CONFIG": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_database_url_from_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@127.0.0.1/somewhere")
    app = create_app({"CONFIG": "testing"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://someone@127.0.0.1/somewhere"
    )


def test_unknown_configuration_name_is_refused():
    with pytest.raises(ConfigurationError):
        create_app({"CONFIG": "staging"})
