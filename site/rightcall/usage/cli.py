"""``flask usage rollup|purge|daily``: roll raw events up per day, delete what is past retention."""
from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from . import rollup as rollups
from .salt import today

usage_cli = AppGroup("usage", help="Anonymized usage events: daily rollups and the purge.")


def _rollup() -> None:
    days = rollups.rollup_pending(today())
    click.echo(f"usage rollup: {days} day(s) rolled up")


def _purge(retention: int) -> None:
    deleted = rollups.purge(today(), retention)
    click.echo(f"usage purge: {deleted} raw event(s) older than {retention} days deleted")


@usage_cli.command("rollup")
def rollup_command():
    """Roll up every finished day not rolled up yet (and re-roll the last one)."""
    _rollup()


@usage_cli.command("purge")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Keep raw events this many days (default: USAGE_RETENTION_DAYS, 30).")
def purge_command(days):
    """Delete raw events past the retention period (rolled up first) and old salts."""
    _purge(days or current_app.config["USAGE_RETENTION_DAYS"])


@usage_cli.command("daily")
@click.option("--forever", is_flag=True, help="Repeat every 24 hours (for a Procfile line).")
def daily_command(forever):
    """Rollup, then purge: what a daily cron line (or the Procfile) runs."""
    while True:
        _rollup()
        _purge(current_app.config["USAGE_RETENTION_DAYS"])
        if not forever:
            return
        db.session.remove()
        time.sleep(24 * 3600)
