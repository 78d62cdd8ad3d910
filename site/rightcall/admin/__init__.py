"""The communications team's pages under ``/admin`` (for now: the usage dashboard)."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import auth_views, usage_views  # noqa: E402,F401
