"""``flask translate extract|update|compile`` — wraps pybabel for the interface strings."""
from __future__ import annotations

# bandit B404: runs pybabel with a fixed argument list, no shell
import subprocess  # nosec B404
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .config import REPO_ROOT
from .locales import LANGUAGES

translate_cli = AppGroup("translate", help="Interface strings: extract, update and compile catalogs.")
POT = REPO_ROOT / "translations" / "messages.pot"


def _pybabel(*args: str) -> None:
    cmd = [sys.executable, "-m", "babel.messages.frontend", *args]
    # bandit B603: our own pybabel command line
    if subprocess.run(cmd, check=False).returncode != 0:  # nosec B603
        raise click.ClickException("pybabel failed: " + " ".join(args))


@translate_cli.command("extract")
def extract() -> None:
    """Extract the interface strings into translations/messages.pot."""
    _pybabel("extract", "-F", str(REPO_ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext", "--no-location",
             "--sort-output", "--project", "Right Call", "--copyright-holder", "Right Call", "-o", str(POT), str(REPO_ROOT / "site" / "rightcall"))


@translate_cli.command("update")
def update() -> None:
    """Extract, then merge new strings into every language's catalog (creating missing ones)."""
    extract.callback()
    folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    for lang in LANGUAGES:
        po = folder / lang.babel_id / "LC_MESSAGES" / "messages.po"
        action = "update" if po.exists() else "init"
        _pybabel(action, "-i", str(POT), "-d", str(folder), "-l", lang.babel_id, "--no-wrap")
    click.echo(f"Catalogs updated for {len(LANGUAGES)} languages.")


@translate_cli.command("compile")
def compile_catalogs() -> None:
    """Compile every catalog to .mo."""
    _pybabel("compile", "-d", current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
