"""Right Call: the Flask application factory and its registration steps."""
from __future__ import annotations

import logging
import os

from flask import Flask, g

from . import config as config_module
from . import accounts, usage
from .extensions import babel, cache, db, limiter, migrate


def create_app(config: dict | None = None) -> Flask:
    """Create the site: settings from the environment, then ``config`` on top (tests)."""
    instance = os.environ.get("INSTANCE_PATH") or str(config_module.REPO_ROOT / "instance")
    app = Flask(__name__, instance_path=instance, instance_relative_config=True)
    app.config.from_mapping(config_module.from_environment(app.instance_path))
    if config:
        app.config.update(config)
    os.makedirs(app.instance_path, exist_ok=True)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    register_commands(app)
    trust_proxies(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind ``PROXY_COUNT`` reverse proxies (nginx: 1), take the reader's address from the
    ``X-Forwarded-For`` they set (werkzeug's ProxyFix, outermost, so the front cache sees it
    too). Without it every reader would share the proxy's address, and the per-reader limits
    (20 chat turns a minute, 5 wrong passwords) would hold for the whole city at once. The
    address is still never stored: it only feeds the keyed hashes (privacy.py, usage)."""
    count = app.config["PROXY_COUNT"]
    if count > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0, x_port=0, x_prefix=0)


def _select_locale() -> str:
    lang = g.get("lang")
    return lang.babel_id if lang else "en"


def register_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (register the tables with the metadata)
    from .public import front_cache

    front_cache.init_app(app)      # first: its after_request hook then runs last (see there)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS",
                          config_module.engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"),
                     render_as_batch=True)
    babel.init_app(app, locale_selector=_select_locale)
    app.config.setdefault("CACHE_TYPE", "SimpleCache")
    app.config.setdefault("CACHE_THRESHOLD", 2000)
    cache.init_app(app)
    limiter.init_app(app)
    usage.init_app(app)
    accounts.init_app(app)


def register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .health import bp as health_bp
    from .public import bp as public_bp
    from .public.locale_url import LocaleConverter, SlugConverter

    app.url_map.converters["lang"] = LocaleConverter
    app.url_map.converters["slug"] = SlugConverter
    app.register_blueprint(public_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(health_bp)


def register_hooks(app: Flask) -> None:
    from . import assets, errors, logging_setup, request_log, security_headers
    from .bidi import bidi_filter, bidi_text_filter

    app.jinja_env.filters["bidi"] = bidi_filter
    app.jinja_env.filters["bidi_text"] = bidi_text_filter

    assets.init_app(app)
    errors.init_app(app)
    security_headers.init_app(app)
    request_log.init_app(app)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # its access log prints client IPs
    logging_setup.configure(app.config["LOG_FORMAT"])


def register_commands(app: Flask) -> None:
    from .content.cli import content_cli
    from .ops_cli import ops_cli
    from .translate_cli import translate_cli

    app.cli.add_command(content_cli)
    app.cli.add_command(ops_cli)
    app.cli.add_command(translate_cli)
