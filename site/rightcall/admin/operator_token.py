"""Until the workspace's sign-in exists, ``/admin`` opens with the operator token.

The browser asks for it with HTTP Basic authentication (any user name, the token as the
password), so no cookie is set. No token configured → the dashboard is closed (403), never open.
"""
from __future__ import annotations

import hmac
from functools import wraps

from flask import Response, current_app, request


def _challenge(message: str, status: int) -> Response:
    response = Response(message + "\n", status=status, mimetype="text/plain")
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="Right Call admin", charset="UTF-8"'
    response.headers["Cache-Control"] = "no-store"
    return response


def operator_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        token = current_app.config["ADMIN_TOKEN"]
        if not token:
            return _challenge("The dashboard is closed: set ADMIN_TOKEN to open it.", 403)
        given = request.authorization.password if request.authorization else None
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            return _challenge("Sign in with the operator token (ADMIN_TOKEN) as the password.", 401)
        return view(*args, **kwargs)
    return wrapped
