"""``flask content import|export|stamp`` commands."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .files import ContentError

content_cli = AppGroup("content", help="Load campaign content into the database, or write it back.")


def _root(path: str | None) -> Path:
    return Path(path or current_app.config["CONTENT_DIR"])


@content_cli.command("import")
@click.option("--path", help="Content folder (default: CONTENT_DIR).")
@click.option("--force", is_flag=True, help="Overwrite pages, services and scenarios edited in the workspace since.")
def import_command(path: str | None, force: bool) -> None:
    """Import content/ into the database (idempotent)."""
    from .importer import import_all

    def progress(items):
        with click.progressbar(items, label="Importing pages", file=sys.stderr) as bar:
            yield from bar

    try:
        report = import_all(_root(path), force=force, progress=progress)
    except ContentError as exc:
        raise click.ClickException(str(exc)) from exc
    for item in report.kept_back:
        click.echo(f"kept back: {item} has newer edits in the workspace (use --force to overwrite)")
    click.echo("Content imported: " + report.summary())


@content_cli.command("export")
@click.option("--path", help="Content folder (default: CONTENT_DIR).")
def export_command(path: str | None) -> None:
    """Write the published content back to content/."""
    from .exporter import export_all

    click.echo("Content exported: " + export_all(_root(path)))


@content_cli.command("stamp")
@click.option("--path", help="Content folder (default: CONTENT_DIR).")
def stamp_command(path: str | None) -> None:
    """Mark every translation file as following the current English page (sets source_hash)."""
    from .files import read_pages, write_page

    pages = read_pages(_root(path))
    english = {p.page_id: p.fingerprint for p in pages if p.locale == "en"}
    changed = 0
    for page in pages:
        if page.locale != "en" and page.source_hash != english.get(page.page_id):
            page.source_hash = english.get(page.page_id)
            write_page(_root(path), page)
            changed += 1
    click.echo(f"Stamped {changed} translation files with their English page's hash.")


@content_cli.command("unverified")
def unverified_command() -> None:
    """List every service fact marked to-verify: confirm these before launch."""
    from .. import directory

    count = 0
    for service in directory.services("en").values():
        if service.status != "found":
            click.echo(f"CHECK BEFORE USE  {service.id}: the service's facts ({service.source_title})")
            count += 1
        for contact in service.contacts:
            if contact.status != "found":
                click.echo(f"CHECK BEFORE USE  {service.id}: {contact.kind} {contact.display}")
                count += 1
    click.echo(f"{count} facts to verify before launch.")
