"""Configuration from the environment."""
import pytest

from rightcall import create_app
from rightcall.config import ConfigError, _normalise_db_url


def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch):
    monkeypatch.setenv("RIGHTCALL_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_production_starts_with_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("RIGHTCALL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_plain_postgres_urls_use_psycopg3():
    assert _normalise_db_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert _normalise_db_url("sqlite:///x.db") == "sqlite:///x.db"
