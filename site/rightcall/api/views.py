"""``GET /api/services`` and ``GET /api/scenarios``: the directory as the site shows it."""
from __future__ import annotations

from dataclasses import asdict

from flask import jsonify, request

from .. import directory, locales
from . import bp


def _locale():
    tag = request.args.get("locale", locales.DEFAULT)
    if tag not in locales.BY_TAG:
        return None
    return tag


def _bad_locale():
    response = jsonify(error="unknown locale", locales=list(locales.TAGS))
    response.status_code = 400
    return response


@bp.get("/services")
def services():
    tag = _locale()
    if tag is None:
        return _bad_locale()
    views = directory.services(tag)
    return jsonify(locale=tag, services=[asdict(v) for v in views.values()])


@bp.get("/scenarios")
def scenarios():
    tag = _locale()
    if tag is None:
        return _bad_locale()
    services = directory.services(tag)
    return jsonify(locale=tag, groups=[
        {"id": g.id, "title": g.title,
         "scenarios": [{"id": s.id, "service": s.service.id, "situation": s.situation,
                        "reason": s.reason} for s in g.scenarios]}
        for g in directory.scenario_groups(tag, services)
    ])
