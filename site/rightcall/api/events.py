"""``POST /api/events``: the one ingest endpoint for the browser's anonymized events.

The body (sent with ``navigator.sendBeacon``, so any content type) is one event object or
``{"events": [...]}`` with up to 20. Every event is checked against its kind's schema and the
site's known pages, services, scenarios and languages (``usage/events.py``); if any is wrong the
whole beacon is rejected with a 400 saying what, and nothing is stored. Accepted: 204.
"""
from __future__ import annotations

import json

from flask import current_app, request
from pydantic import ValidationError
from sqlalchemy import select

from .. import directory
from ..extensions import cache, db, limiter
from ..models import Page, content_version
from ..usage.events import KINDS, Beacon
from ..usage.recorder import record
from . import bp
from .responses import bad_request


def _limit() -> str:
    return current_app.config["USAGE_RATE_LIMIT"]


def _known() -> dict[str, set[str]]:
    """The site's pages, services and scenarios, cached until the content changes."""
    key = f"usage-known:{content_version()}"
    known = cache.get(key)
    if known is None:
        services = directory.services("en")
        known = {
            "services": set(services),
            "scenarios": set(directory.scenarios("en", services)),
            "pages": set(db.session.scalars(select(Page.id))) | {"chat"},
        }
        cache.set(key, known, timeout=0)
    return known


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors()[:3]:
        where = ".".join(str(part) for part in item["loc"] if part not in KINDS)
        problems.append(f"{where or 'body'}: {item['msg']}")
    return "Invalid event — " + "; ".join(problems)


@bp.post("/events")
@limiter.limit(_limit)
def events():
    try:
        body = json.loads(request.get_data(cache=False) or b"null")
    except (ValueError, UnicodeDecodeError):
        return bad_request("The body must be JSON: one event, or {\"events\": [...]}.")
    if isinstance(body, dict) and "events" not in body:
        body = {"events": [body]}
    if not isinstance(body, dict):
        return bad_request("The body must be JSON: one event, or {\"events\": [...]}.")
    try:
        beacon = Beacon.model_validate(body, context=_known())
    except ValidationError as error:
        return bad_request(_describe(error))
    for event in beacon.events:
        columns = event.columns()
        record(columns.pop("kind"), columns.pop("locale"), **columns)
    return "", 204
