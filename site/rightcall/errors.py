"""Error pages: a clear message in the reader's language, never a stack trace.

A path under an unknown language (``/xx/…``) gets the English "not found" page with a link to
every language; a path under a known language gets the page in that language.
"""
from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, RequestURITooLarge, ServiceUnavailable

from . import locales

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("We could not read that request"),
          _l("Something in the request was missing or not valid. Please go back and try again.")),
    404: (_l("Page not found"), _l("We could not find this page.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Too much data"), _l("What you sent is too large.")),
    414: (_l("Address too long"), _l("The address of this page is too long.")),
    429: (_l("Too many requests"), _l("Please wait a moment and try again.")),
    500: (_l("Something went wrong"), _l("Please try again in a moment.")),
    503: (_l("Something went wrong"), _l("Please try again in a moment.")),
}
DATABASE_AWAY = (OperationalError, InterfaceError, PoolTimeout)


def _language_from_path() -> None:
    """Set ``g.lang`` from the first path segment when the URL matched no route."""
    if g.get("lang") is None:
        first = request.path.lstrip("/").split("/", 1)[0]
        if first in locales.BY_TAG:
            g.lang = locales.get(first)


def render_error(error: HTTPException):
    code = error.code or 500
    if request.path.startswith("/api/"):
        return jsonify(error=str(MESSAGES.get(code, (error.name,))[0])), code
    _language_from_path()
    title, default_message = MESSAGES.get(code, (error.name, ""))
    # A view may pass a specific, user-facing message with abort(400, description=...).
    specific = getattr(error, "user_message", None)
    unknown_language = code == 404 and g.get("lang") is None
    if g.get("lang") is None:
        g.lang = locales.get(locales.DEFAULT)
    html = render_template(
        "error.html", code=code, title=title, message=specific or default_message,
        unknown_language=unknown_language, languages=locales.LANGUAGES,
    )
    return html, code


def _forget_session() -> None:
    from .extensions import db
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 — the connection is gone anyway
        db.session.remove()


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return render_error(error)

    def database_away(error: Exception):
        """The database does not answer (maintenance, restart): 503, and a form keeps its text."""
        log.warning("database not reachable on %s %s: %s", request.method, request.path, type(error).__name__)
        _forget_session()
        # Templates ask Flask-Login for the user, which would ask the database again: for this
        # response, nobody is signed in.
        g._login_user = app.login_manager.anonymous_user()
        if request.method == "POST" and request.path.startswith("/admin/") and request.form:
            html = render_template("admin/unsaved.html", fields=request.form.items(multi=True))
            response = app.make_response((html, 503))
        else:
            response = app.make_response(render_error(ServiceUnavailable()))
        response.headers["Retry-After"] = "30"
        return response

    for exception in DATABASE_AWAY:
        app.register_error_handler(exception, database_away)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError())

    @app.before_request
    def refuse_long_query_strings():
        if len(request.query_string) > app.config["MAX_QUERY_STRING"]:
            raise RequestURITooLarge()
