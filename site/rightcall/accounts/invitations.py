"""Invitation links: how a new (or locked-out) member of the team sets their own password.

There is no e-mail here: the admin who creates the account copies the link and sends it. The
link is signed (itsdangerous), names the account and its session version, and lasts 7 days;
setting the password bumps the version, so a link works once.
"""
from __future__ import annotations

import secrets

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..extensions import db
from ..models.accounts import User

MAX_AGE = 7 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="rightcall-invitation")


def invite(user: User) -> str:
    """End the account's sessions, give it an unusable password, and return its link."""
    user.set_password(secrets.token_urlsafe(32))
    db.session.flush()
    token = _serializer().dumps([user.id, user.session_version])
    return url_for("admin.welcome", token=token, _external=True)


def read(token: str) -> User | None:
    """The account a link is for, or None if it is forged, used, expired or disabled."""
    try:
        user_id, version = _serializer().loads(token, max_age=MAX_AGE)
    except (BadSignature, ValueError, TypeError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or user.session_version != version:
        return None
    return user
