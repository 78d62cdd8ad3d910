"""``/healthz`` (the process answers) and ``/readyz`` (it can serve: the database answers).

``/readyz`` is 200 with ``"status": "ok"`` when the database and Rasa answer, 200 with
``"degraded"`` when only Rasa is away (the site answers chats from its built-in fallback, so it
is not down), and 503 with ``"down"`` when the database does not answer. It also reports the
usage buffer: events waiting to be written and events dropped because the buffer was full.
"""
from __future__ import annotations

import logging

import requests
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from .chat.conversation import rasa_client
from .extensions import db
from .usage.recorder import EXTENSION

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def _no_store(response):
    response.cache_control.no_store = True
    return response


@bp.get("/healthz")
def healthz():
    return _no_store(jsonify(status="ok"))


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception as error:  # noqa: BLE001 — any failure means "not reachable"
        db.session.rollback()
        log.warning("readyz: database not reachable (%s)", type(error).__name__)
        return "unreachable"


def _assistant() -> str:
    client = rasa_client()
    if client.breaker.current_state == "open":
        return "away (circuit open)"
    answering = 0
    for url in client.urls:
        try:
            timeout = current_app.config["READY_TIMEOUT"]
            answering += requests.get(url + "/", timeout=timeout).ok
        except requests.RequestException:
            pass
    if answering == len(client.urls):
        return "ok"
    return f"away ({len(client.urls) - answering} of {len(client.urls)} replicas not answering)" if answering \
        else "away"


@bp.get("/readyz")
def readyz():
    database, assistant = _database(), _assistant()
    status = "down" if database != "ok" else ("ok" if assistant == "ok" else "degraded")
    events = current_app.extensions.get(EXTENSION)
    usage = events.stats() if events is not None else {}
    response = jsonify(status=status, database=database, assistant=assistant,
                       usage={k: usage.get(k, 0) for k in ("pending", "written", "dropped")})
    response.status_code = 503 if status == "down" else 200
    return _no_store(response)
