"""Right Call: the site for Toronto residents who are not sure which number to call.

``create_app`` (in :mod:`rightcall.app`) builds the Flask site. This file imports nothing
else, so that the Flask-free part, :mod:`rightcall.assistant`, can be imported by the Rasa
action server's own virtualenv as well.
"""
from __future__ import annotations


def create_app(config: dict | None = None):
    """Create the site (see :func:`rightcall.app.create_app`)."""
    from .app import create_app as factory

    return factory(config)
