"""``flask ops``: start-up steps of the production mode (make serve)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@click.group("ops")
def ops_cli():
    """Production start-up steps."""


@ops_cli.command("ensure-database")
@with_appcontext
def ensure_database():
    """Create the PostgreSQL database named in DATABASE_URL if it does not exist yet."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if not url.drivername.startswith("postgresql"):
        click.echo(f"Database: {url.drivername} (nothing to create)")
        return
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))   # a name from the operator's own URL
    server.dispose()
    click.echo(f"Database {url.database}: {'present' if exists else 'created'}")
