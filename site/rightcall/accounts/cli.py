"""``flask users create|password|disable|list``: the first admin, and repairs from a shell."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..extensions import db
from ..locales import TAGS
from ..models.accounts import ROLES, User
from .audit import record_action

MIN_PASSWORD = 12
users_cli = AppGroup("users", help="The communications team's accounts.")


def _password(value: str) -> str:
    if len(value) < MIN_PASSWORD:
        raise click.BadParameter(f"use at least {MIN_PASSWORD} characters")
    return value


def _find(email: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    return user


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--locale", "locales", multiple=True, type=click.Choice(TAGS),
              help="A translator's language (repeat for several).")
@click.password_option(help="At least 12 characters (asked for when not given).")
def create_command(email, name, role, locales, password):
    """Create an account (the first admin, typically)."""
    _password(password)
    email = email.strip().lower()
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise click.ClickException(f"{email} already has an account.")
    # bandit B106: a placeholder, replaced by set_password() on the next line
    user = User(email=email, name=name.strip(), role=role, locales=list(locales), password_hash="")  # nosec B106
    user.set_password(password)
    db.session.add(user)
    record_action("account.create", f"account:{email}", f"role {role}")
    db.session.commit()
    click.echo(f"Account created: {email} ({role}).")


@users_cli.command("password")
@click.option("--email", required=True)
@click.password_option(help="At least 12 characters (asked for when not given).")
def password_command(email, password):
    """Set a new password; the account is signed out everywhere."""
    _password(password)
    user = _find(email)
    user.set_password(password)
    record_action("account.password-set", f"account:{user.email}", "sessions ended")
    db.session.commit()
    click.echo(f"Password changed for {user.email}; every session of this account has ended.")


@users_cli.command("disable")
@click.option("--email", required=True)
def disable_command(email):
    """Disable an account at once (its sessions end)."""
    user = _find(email)
    user.active = False
    user.session_version += 1
    record_action("account.edit", f"account:{user.email}", "active: True → False")
    db.session.commit()
    click.echo(f"Account disabled: {user.email}.")


@users_cli.command("list")
def list_command():
    """Every account, its role and whether it is active."""
    users = db.session.scalars(select(User).order_by(User.email)).all()
    for user in users:
        state = "active" if user.active else "disabled"
        langs = f" [{', '.join(user.locales)}]" if user.locales else ""
        click.echo(f"{user.email}  {user.role}{langs}  {state}")
    click.echo(f"{len(users)} account(s).")
