"""The communications team's pages under ``/admin``: sign-in, accounts, the usage figures."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import auth_views, translations_views, usage_views, users_views  # noqa: E402,F401
