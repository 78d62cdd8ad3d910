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
from ..accounts.forms import AccountForm, ActionForm, PasswordForm
from ..accounts.roles import role_required
from ..extensions import db
from ..models.accounts import User
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
                        locales=form.locales.data, active=True, password_hash="")
            db.session.add(user)
            link = invitations.invite(user)
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
            if user.active and not form.active.data:
                user.session_version += 1          # disabled: signed out everywhere at once
            user.email, user.name, user.role = email, form.name.data.strip(), form.role.data
            user.locales, user.active = form.locales.data, form.active.data
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
    db.session.commit()
    return render_template("admin/invited.html", user=user, link=link)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def welcome(token: str):
    user = invitations.read(token)
    if user is None:
        return render_template("admin/error.html", message="This link has expired or was already used. "
                               "Ask an admin of the workspace for a new one."), 400
    form = PasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        db.session.commit()
        login_user(user)
        return redirect(url_for("admin.home"))
    status = 400 if form.errors else 200
    return render_template("admin/welcome.html", form=form, user=user), status
