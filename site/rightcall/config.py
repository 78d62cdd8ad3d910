"""Settings read from the environment, with safe development defaults."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# bandit B105: refused when RIGHTCALL_ENV=production (below)
DEV_SECRET = "dev-only-not-secret"  # nosec B105


class ConfigError(RuntimeError):
    """The environment does not describe a safe configuration."""


def from_environment(instance_path: str) -> dict:
    """Build the Flask config mapping from environment variables."""
    env = os.environ.get("RIGHTCALL_ENV", "development")
    secret = os.environ.get("SECRET_KEY", DEV_SECRET)
    if env == "production" and secret in ("", DEV_SECRET):
        raise ConfigError("RIGHTCALL_ENV=production needs a real SECRET_KEY in the environment.")
    default_db = "sqlite:///" + str(Path(instance_path) / "rightcall.db")
    return {
        "RIGHTCALL_ENV": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _normalise_db_url(os.environ.get("DATABASE_URL", default_db)),
        "CONTENT_DIR": os.environ.get("CONTENT_DIR", str(REPO_ROOT / "content")),
        "BABEL_TRANSLATION_DIRECTORIES": os.environ.get(
            "TRANSLATIONS_DIR", str(REPO_ROOT / "translations")
        ),
        "SITE_URL": os.environ.get("SITE_URL", "").rstrip("/"),
        "PAGE_MAX_AGE": int(os.environ.get("PAGE_MAX_AGE", "300")),
        # How long a process trusts the content version it read (a publish elsewhere shows after it).
        "CONTENT_VERSION_SECONDS": float(os.environ.get("CONTENT_VERSION_SECONDS", "1.0")),
        "MAX_QUERY_STRING": 1024,
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        # The assistant (bot/): Rasa's REST channel on loopback, and how long to wait for it.
        "RASA_URL": os.environ.get("RASA_URL", "http://127.0.0.1:5005"),   # one or more, comma-separated
        "RASA_TOKEN": os.environ.get("RASA_TOKEN", ""),
        "RASA_TIMEOUT": float(os.environ.get("RASA_TIMEOUT", "2.0")),
        "RASA_BREAKER_FAILURES": int(os.environ.get("RASA_BREAKER_FAILURES", "3")),
        "RASA_BREAKER_RESET": float(os.environ.get("RASA_BREAKER_RESET", "15")),
        "CHAT_RATE_LIMIT": os.environ.get("CHAT_RATE_LIMIT", "20 per minute;200 per hour"),
        # Reverse proxies in front of the site that set X-Forwarded-For (deploy/nginx.conf: 1).
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        # Shared state across processes (rate limits, the Rasa circuit breaker) when set.
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # "5 per minute" means any 60 s, not each clock minute: with fixed windows, 5 wrong
        # passwords at 12:00:58 and 5 more at 12:01:01 all went through.
        "RATELIMIT_STRATEGY": "moving-window",
        # Redis away: the same limits per process (Flask-Limiter logs "falling back to
        # in-memory storage") until it answers again; a limiter error never fails a request.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        # Anonymized usage events (rightcall/usage/): see the README's "Usage figures".
        "USAGE_ENABLED": os.environ.get("USAGE_ENABLED", "1") != "0",
        "USAGE_TIMEZONE": os.environ.get("USAGE_TIMEZONE", "America/Toronto"),
        "USAGE_FLUSH_SECONDS": float(os.environ.get("USAGE_FLUSH_SECONDS", "1.0")),
        "USAGE_BUFFER_LIMIT": int(os.environ.get("USAGE_BUFFER_LIMIT", "10000")),
        "USAGE_RETENTION_DAYS": int(os.environ.get("USAGE_RETENTION_DAYS", "30")),
        "USAGE_RATE_LIMIT": os.environ.get("USAGE_RATE_LIMIT", "60 per minute"),
        "USAGE_MIN_CELL": int(os.environ.get("USAGE_MIN_CELL", "5")),
        "USAGE_CAMPAIGN_START": os.environ.get("USAGE_CAMPAIGN_START", ""),
        "USAGE_LIVE_SECONDS": float(os.environ.get("USAGE_LIVE_SECONDS", "60")),
        # The operator token: tools pull the usage figures (CSV/JSON) with it, without a session.
        "ADMIN_TOKEN": os.environ.get("ADMIN_TOKEN", ""),
        # One JSON object per log line in production (for a log shipper); text in development.
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json" if env == "production" else "text"),
        # How long /readyz waits for the database and for Rasa.
        "READY_TIMEOUT": float(os.environ.get("READY_TIMEOUT", "1.0")),
    }


def engine_options(url: str) -> dict:
    """Connections that notice a restarted database (pre-ping) and give up quickly when it is away."""
    if url.startswith("postgresql"):
        return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 5, "pool_timeout": 5,
                "connect_args": {"connect_timeout": 3}}
    return {"pool_pre_ping": True}


def _normalise_db_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgres://`` / ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
