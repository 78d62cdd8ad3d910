"""``/admin/login``, ``/admin/logout`` and ``/admin/``: signing in and out of the workspace.

A wrong e-mail or password gets one generic message (nobody learns which accounts exist),
and after 5 failed attempts in a minute the client must wait (Flask-Limiter, 429).
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..accounts.forms import ActionForm, SignInForm
from ..extensions import db, limiter
from ..models.accounts import User
from . import bp

FAILED = 401
GENERIC = "That e-mail and password do not match an active account."


def _safe_next(target: str | None) -> str:
    """Only a path inside the workspace: never another site (no open redirect)."""
    if target and target.startswith("/admin") and not target.startswith("//"):
        return target
    return url_for("admin.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"], deduct_when=lambda response: response.status_code == FAILED)
def login():
    form = SignInForm()
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    if request.method == "POST":
        if not form.validate_on_submit():
            expired = bool(form.csrf_token.errors)
            error = "This form has expired. Please sign in again." if expired else \
                "Enter your e-mail and your password."
            return render_template("admin/login.html", form=form, error=error), 400
        user = db.session.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if user is None or not user.active or not user.check_password(form.password.data):
            return render_template("admin/login.html", form=form, error=GENERIC), FAILED
        login_user(user)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("admin/login.html", form=form, error=None)


@bp.post("/logout")
@login_required
def logout():
    if ActionForm().validate_on_submit():
        logout_user()
        return redirect(url_for("admin.login"))
    return render_template("admin/error.html", message="This form has expired. Please try again."), 400


@bp.get("/")
@login_required
def home():
    return render_template("admin/home.html", user=current_user, sign_out=ActionForm())
