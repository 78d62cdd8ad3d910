"""JSON API: the service directory and scenarios, for the assistant and other tools."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from . import chat, events, views  # noqa: E402,F401
