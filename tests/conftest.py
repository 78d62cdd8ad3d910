"""Shared fixtures: a seeded database per test (SQLite by default, PostgreSQL with
``--database-url``), the app, its client and CLI runner, and a live server for Playwright."""
from __future__ import annotations

import itertools
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from rightcall import create_app
from rightcall.config import _normalise_db_url
from rightcall.content.importer import import_all
from rightcall.extensions import db

from helpers import CONTENT, NO_RASA, LiveServer

CHROMIUM = "/usr/bin/chromium"


def pytest_addoption(parser):
    parser.addoption("--database-url", default=os.environ.get("TEST_DATABASE_URL"),
                     help="Run against this PostgreSQL server instead of SQLite files.")


def _seed(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        import_all(CONTENT)
        db.engine.dispose()


class SqliteDatabases:
    """A seeded SQLite file, copied for each test."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.seed = folder / "seed.db"
        _seed(f"sqlite:///{self.seed}")
        self.counter = itertools.count()

    def new(self) -> str:
        path = self.folder / f"test-{next(self.counter)}.db"
        shutil.copy(self.seed, path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        Path(make_url(url).database).unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgresDatabases:
    """A seeded PostgreSQL database used as the template of a fresh database per test."""

    def __init__(self, server_url: str):
        self.server = make_url(_normalise_db_url(server_url))
        self.admin = create_engine(self.server, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as conn:
            conn.execute(text("select 1"))
        self.prefix = f"rightcall_test_{uuid.uuid4().hex[:8]}"
        self.template = f"{self.prefix}_seed"
        self._execute(f'CREATE DATABASE "{self.template}"')
        _seed(self._url(self.template))
        self.counter = itertools.count()

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def new(self) -> str:
        name = f"{self.prefix}_{next(self.counter)}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self._url(name)

    def drop(self, url: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def close(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture(scope="session")
def databases(request, tmp_path_factory):
    server_url = request.config.getoption("--database-url")
    if server_url:
        try:
            dbs = PostgresDatabases(server_url)
        except Exception as exc:  # noqa: BLE001 — report any connection failure the same way
            message = f"PostgreSQL at {server_url} cannot be reached ({exc.__class__.__name__}): " \
                      "PostgreSQL TESTS SKIPPED"
            print("\n" + "!" * 78 + "\n" + message + "\n" + "!" * 78)
            pytest.skip(message)
    else:
        dbs = SqliteDatabases(tmp_path_factory.mktemp("db"))
    yield dbs
    dbs.close()


@pytest.fixture
def database_url(databases):
    url = databases.new()
    yield url
    databases.drop(url)


@pytest.fixture
def app(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, **NO_RASA})
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# --- browser tests -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def live_server(databases):
    url = databases.new()
    server = LiveServer(create_app({"SQLALCHEMY_DATABASE_URI": url, **NO_RASA}))
    yield server
    server.stop()
    with server.app.app_context():
        db.engine.dispose()
    databases.drop(url)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run 'make test' (it installs Debian's chromium).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A phone: 390×844, touch."""
    return {**browser_context_args, "viewport": {"width": 390, "height": 844},
            "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
