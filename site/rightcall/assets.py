"""Static asset URLs with a content hash, and a build id for page ETags.

``asset_url('css/site.css')`` gives ``/static/css/site.css?v=<hash>``; such a URL never changes
meaning, so it is served with a one-year ``immutable`` cache lifetime.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, request, url_for

YEAR = 365 * 24 * 3600


def _hash_files(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def init_app(app: Flask) -> None:
    static = Path(app.static_folder)
    versions = {
        p.relative_to(static).as_posix(): _hash_files([p])
        for p in static.rglob("*") if p.is_file()
    }
    package = Path(app.root_path)
    translations = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    sources = [p for p in (package / "templates").rglob("*") if p.is_file()]
    sources += [p for p in static.rglob("*") if p.is_file()]
    sources += list(translations.rglob("*.mo")) if translations.is_dir() else []
    app.config["BUILD_ID"] = _hash_files(sources)

    def asset_url(filename: str) -> str:
        return url_for("static", filename=filename, v=versions.get(filename, "0"))

    app.jinja_env.globals["asset_url"] = asset_url

    @app.after_request
    def long_cache_for_versioned_assets(response):
        if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response
