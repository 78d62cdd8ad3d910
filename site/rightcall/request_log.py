"""One log line per request — method, route, path, status, duration — and nothing about the person.

Werkzeug's own access log prints the client IP, so the factory silences it and this takes its
place. No IP address, user agent, cookie or query string is ever logged. With ``LOG_FORMAT=json``
the line is a JSON object: ``{"message": "request", "method", "route", "path", "status",
"duration_ms", …}`` (``route`` is the URL rule, e.g. ``/<lang:locale>/<slug:page_id>``).
"""
from __future__ import annotations

import logging
import time

from flask import Flask, g, request

log = logging.getLogger("rightcall.requests")


def init_app(app: Flask) -> None:
    @app.before_request
    def start_timer():
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        started = g.get("request_started")
        duration_ms = round((time.perf_counter() - started) * 1000, 1) if started else 0.0
        route = request.url_rule.rule if request.url_rule is not None else None
        log_line(request.method, route, request.path, response.status_code, duration_ms)
        return response


def log_line(method: str, route: str | None, path: str, status: int, duration_ms: float) -> None:
    """The one line a request leaves (also written by the front cache, public/front_cache.py)."""
    log.info("%s %s %s %.1fms", method, path, status, duration_ms,
             extra={"method": method, "route": route, "path": path, "status": status,
                    "duration_ms": duration_ms})
