"""The communications team's pages under ``/admin``: sign-in, accounts, content editing, the usage figures."""
from flask import Blueprint, render_template, request
from flask_login import current_user

bp = Blueprint("admin", __name__, url_prefix="/admin")

# The editor posts whole pages: 60,000 characters of Chinese or Tamil are up to ~240 KB in a
# form, more than the public site's 64 KB limit on request bodies.
EDITOR_MAX_BODY = 400 * 1024


@bp.before_request
def allow_whole_pages():
    request.max_content_length = EDITOR_MAX_BODY

from . import auth_views, directory_views, pages_views, usage_views, users_views  # noqa: E402,F401


@bp.errorhandler(403)
def forbidden(error):
    """A clear refusal in the workspace's own layout, naming the person's role."""
    role = getattr(current_user, "role", None)
    message = (f"Not allowed: your role ({role}) cannot do this" if role else "Not allowed") + \
        (" in this language." if role == "translator" else ".") + \
        " Ask an admin of the workspace if you need to."
    return render_template("admin/error.html", message=message, title="Not allowed (403)"), 403
