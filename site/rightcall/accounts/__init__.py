"""Sign-in for the communications team (Flask-Login): sessions, roles, the ``flask users`` CLI.

Session protection by address and browser is off on purpose: the site never reads a person's
address or user agent for anything but the anonymized counts (see usage/request_facts.py).
"""
from __future__ import annotations

from flask import Flask
from flask_login import LoginManager

from ..extensions import db
from ..models.accounts import User

login_manager = LoginManager()
login_manager.login_view = "admin.login"
login_manager.login_message = "Please sign in to see this page."
login_manager.session_protection = None


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """``<id>:<session_version>``: an old version (password changed) is no session at all."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def init_app(app: Flask) -> None:
    from .cli import users_cli

    login_manager.init_app(app)
    app.cli.add_command(users_cli)
