"""The front cache: a public page already rendered is answered before Flask runs at all.

Campaign spikes are many readers asking for the same few pages. Once the site has answered
``GET /<locale>/<page>`` with a cached page (public/rendering.py), the exact bytes and headers
are kept here, per host and path, with the content version they belong to. The next plain GET
for that path — no query string, no cookie — is answered from here (200, or 304 for a matching
``If-None-Match``), still counted as a page view and logged, with the same headers as Flask
gave. Anything else, or a content version not confirmed in the last
``CONTENT_VERSION_SECONDS``, goes through Flask, which re-stores the page. Publishing bumps the
version, so the next request renders the new page.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Flask, g, request
from werkzeug.http import parse_etags

from ..models.state import recent_content_version
from ..request_log import log_line
from ..usage.recorder import count_pageview, flush_now

EXTENSION = "rightcall.front_cache"
LIMIT = 2000                      # pages per process (13 languages × a dozen pages, many hosts)
SKIP_HEADERS = {"date", "content-length", "vary", "set-cookie"}


@dataclass(frozen=True)
class Entry:
    version: int
    etag: str
    body: bytes
    headers: list[tuple[str, str]]          # for a 200, Content-Length included
    not_modified_headers: list[tuple[str, str]]
    page_id: str
    locale: str
    rule: str


class FrontCache:
    def __init__(self, app: Flask):
        self.app = app
        self.next_app = app.wsgi_app
        self.entries: dict[tuple[str, str], Entry] = {}
        self.database_url = ""

    # -- filled from Flask's answers -------------------------------------------------------
    def store(self, response) -> None:
        """Keep a cached public page that Flask just sent (called after the security headers)."""
        mark = g.get("front_cache")
        if mark is None or response.status_code != 200 or response.direct_passthrough:
            return
        version, page_id, locale = mark
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in SKIP_HEADERS]
        body = response.get_data()
        if len(self.entries) >= LIMIT:
            self.entries.clear()
        self.entries[(request.host, request.path)] = Entry(
            version, response.get_etag()[0] or "", body, headers + [("Content-Length", str(len(body)))],
            headers, page_id, locale, request.url_rule.rule if request.url_rule else request.path)

    # -- the WSGI front --------------------------------------------------------------------
    def __call__(self, environ, start_response):
        entry = self._usable(environ)
        if entry is None:
            return self.next_app(environ, start_response)
        started = time.perf_counter()
        method = environ["REQUEST_METHOD"]
        not_modified = "HTTP_IF_NONE_MATCH" in environ and \
            parse_etags(environ["HTTP_IF_NONE_MATCH"]).contains(entry.etag)
        status = 304 if not_modified else 200
        if count_pageview(self.app, entry.page_id, entry.locale, environ) \
                and self.app.config["USAGE_FLUSH_SECONDS"] <= 0:
            with self.app.app_context():
                flush_now()                     # as Flask's teardown does in that setting
        log_line(method, entry.rule, environ.get("PATH_INFO", ""), status,
                 round((time.perf_counter() - started) * 1000, 1))
        start_response("304 NOT MODIFIED" if not_modified else "200 OK",
                       list(entry.not_modified_headers if not_modified else entry.headers))
        return [] if not_modified or method == "HEAD" else [entry.body]

    def _usable(self, environ) -> Entry | None:
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or environ.get("QUERY_STRING") \
                or environ.get("HTTP_COOKIE"):
            return None
        entry = self.entries.get((environ.get("HTTP_HOST", ""), environ.get("PATH_INFO", "")))
        if entry is None:
            return None
        version = recent_content_version(self.database_url, self.app.config["CONTENT_VERSION_SECONDS"])
        return entry if version == entry.version else None


def init_app(app: Flask) -> None:
    """Put the front cache in front of the app; register the hook that fills it.

    Registered before the other ``after_request`` hooks, so it runs after them (Flask runs them
    in reverse order) and keeps the response with every header they add.
    """
    front = FrontCache(app)
    app.extensions[EXTENSION] = front
    app.wsgi_app = front

    @app.after_request
    def _keep_for_the_front(response):
        if not front.database_url:
            from ..extensions import db
            front.database_url = str(db.engine.url)
        front.store(response)
        return response


def mark_cacheable(version: int, page_id: str, locale: str) -> None:
    """Called by cached_response: this answer may be kept by the front cache (plain GETs only)."""
    if request.method == "GET" and not request.query_string and "Cookie" not in request.headers:
        g.front_cache = (version, page_id, locale)
