"""Anonymized usage events: what is recorded, how, the rollups and the purge (see each module)."""
from __future__ import annotations

from flask import Flask, g, request


def init_app(app: Flask) -> None:
    """The event buffer, server-side pageviews and the ``flask usage`` commands."""
    from . import recorder
    from .cli import usage_cli

    recorder.init_app(app)
    app.cli.add_command(usage_cli)

    @app.after_request
    def _count_pageview(response):
        page = g.get("usage_page")
        if page and request.method == "GET" and response.status_code in (200, 304):
            recorder.record_pageview(page, g.lang.tag)
        return response
