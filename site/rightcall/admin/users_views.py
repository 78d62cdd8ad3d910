"""``/admin/users``: admins list, invite, edit and disable the team's accounts.

An admin cannot disable their own account or take away their own admin role, so the workspace
can never be left without an admin by mistake. ``/admin/welcome/<token>`` is where an invited
person sets their password.
"""
from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_login import current_user, login_user
from sqlalchemy import select

from ..accounts import invitations
from ..accounts.audit import record_action
from ..accounts.forms import AccountForm, ActionForm, PasswordForm
from ..accounts.roles import role_required
from ..extensions import db
from ..models.accounts import User
from ..models.audit import AuditEntry
from . import bp


def _email_taken(email: str, other_than: int | None = None) -> bool:
    query = select(User.id).where(User.email == email)
    if other_than is not None:
        query = query.where(User.id != other_than)
    return db.session.scalar(query) is not None


@bp.get("/users")
@role_required("admin")
def users():
    accounts = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("admin/users.html", users=accounts)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required("admin")
def user_new():
    form = AccountForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if _email_taken(email):
            form.email.errors.append("This e-mail already has an account.")
        else:
            user = User(email=email, name=form.name.data.strip(), role=form.role.data,
                        # bandit B106: set from the invitation link
                        locales=form.locales.data, active=True, password_hash="")  # nosec B106
            db.session.add(user)
            link = invitations.invite(user)
            record_action("account.invite", f"account:{email}",
                          f"role {user.role}" + (f", languages {', '.join(user.locales)}" if user.locales else ""))
            db.session.commit()
            return render_template("admin/invited.html", user=user, link=link)
    status = 400 if form.errors else 200
    return render_template("admin/user_form.html", form=form, user=None), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required("admin")
def user_edit(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = AccountForm(obj=user)
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        myself = user.id == current_user.id
        if _email_taken(email, other_than=user.id):
            form.email.errors.append("This e-mail already has an account.")
        elif myself and (not form.active.data or form.role.data != "admin"):
            form.role.errors.append("You cannot disable your own account or remove your own admin role.")
        else:
            changes = _changes(user, email, form)
            if user.active and not form.active.data:
                user.session_version += 1          # disabled: signed out everywhere at once
            user.email, user.name, user.role = email, form.name.data.strip(), form.role.data
            user.locales, user.active = form.locales.data, form.active.data
            if changes:
                record_action("account.edit", f"account:{email}", "; ".join(changes))
            db.session.commit()
            return redirect(url_for("admin.users"))
    status = 400 if form.errors else 200
    return render_template("admin/user_form.html", form=form, user=user, action=ActionForm()), status


@bp.post("/users/<int:user_id>/invitation")
@role_required("admin")
def user_invitation(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    link = invitations.invite(user)
    record_action("account.new-link", f"account:{user.email}", "sessions ended")
    db.session.commit()
    return render_template("admin/invited.html", user=user, link=link)


def _changes(user: User, email: str, form) -> list[str]:
    """What an edit changes, in words for the audit trail."""
    before = {"e-mail": user.email, "name": user.name, "role": user.role,
              "languages": ", ".join(user.locales or []), "active": user.active}
    after = {"e-mail": email, "name": form.name.data.strip(), "role": form.role.data,
             "languages": ", ".join(form.locales.data or []), "active": form.active.data}
    return [f"{key}: {before[key]!s} → {after[key]!s}" for key in before if before[key] != after[key]]


@bp.get("/audit")
@role_required("admin")
def audit():
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(500)).all()
    return render_template("admin/audit.html", entries=entries)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def welcome(token: str):
    user = invitations.read(token)
    if user is None:
        return render_template("admin/error.html", message="This link has expired or was already used. "
                               "Ask an admin of the workspace for a new one."), 400
    form = PasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        login_user(user)
        record_action("account.password-set", f"account:{user.email}", "from an invitation link")
        db.session.commit()
        return redirect(url_for("admin.home"))
    status = 400 if form.errors else 200
    return render_template("admin/welcome.html", form=form, user=user), status
