"""One log line per request — method, path, status, duration — and nothing about the person.

Werkzeug's own access log prints the client IP, so the factory silences it and this takes its
place. No IP address, user agent, cookie or query string is ever logged.
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
        duration_ms = (time.perf_counter() - started) * 1000 if started else 0.0
        log.info("%s %s %s %.1fms", request.method, request.path, response.status_code,
                 duration_ms)
        return response
