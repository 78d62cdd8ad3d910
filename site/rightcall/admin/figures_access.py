"""Who may see the usage figures: anyone signed in to the workspace (every role may), or a
tool presenting the operator token (``ADMIN_TOKEN``) as an HTTP Basic password — for CSV and
JSON pulls from other tools, with no session. A browser that is neither is sent to sign in.
"""
from __future__ import annotations

import hmac
from functools import wraps

from flask import Response, current_app, redirect, request, url_for
from flask_login import current_user


def _challenge(message: str) -> Response:
    response = Response(message + "\n", status=401, mimetype="text/plain")
    response.headers["WWW-Authenticate"] = 'Basic realm="Right Call figures", charset="UTF-8"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _token_matches() -> bool | None:
    """True/False for a presented token; None when none was presented."""
    given = request.authorization.password if request.authorization else None
    if not given:
        return None
    token = current_app.config["ADMIN_TOKEN"]
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def figures_access(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user.is_authenticated:
            return view(*args, **kwargs)
        presented = _token_matches()
        if presented:
            return view(*args, **kwargs)
        if presented is False:
            return _challenge("That operator token is not valid (ADMIN_TOKEN).")
        if request.path.endswith((".json", ".csv")):
            return _challenge("Sign in to the workspace, or send the operator token (ADMIN_TOKEN) "
                              "as the HTTP Basic password.")
        return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
    return wrapped
