"""Temporary databases for the benchmarks: a SQLite file, then a fresh PostgreSQL database on
TEST_DATABASE_URL's server (skipped with a message when it cannot be reached), dropped after."""
from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from rightcall.config import _normalise_db_url


def temporary_databases(stem: str) -> Iterator[tuple[str, str]]:
    """Yield ("SQLite", url) then ("PostgreSQL", url); each is deleted once the caller is done."""
    with tempfile.TemporaryDirectory() as folder:
        yield "SQLite", f"sqlite:///{folder}/{stem}.db"
    server = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    admin_url = make_url(_normalise_db_url(server))
    name = f"rightcall_bench_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 — any connection failure: say so and stop
        print(f"PostgreSQL at {server} unreachable ({type(error).__name__}): skipped")
        return
    try:
        yield "PostgreSQL", admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
