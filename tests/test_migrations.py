"""Alembic migrations on a real PostgreSQL of the test's own: upgrade from an empty database,
the schema then matches the models exactly, downgrade one step, upgrade again — with content
in it, which survives."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select

from rightcall import create_app
from rightcall.config import _normalise_db_url
from rightcall.content.importer import import_all
from rightcall.extensions import db
from rightcall.models import PageRevision

from faults.private_services import PrivatePostgres
from helpers import CONTENT


@pytest.fixture
def empty_postgres():
    server = PrivatePostgres()
    yield _normalise_db_url(server.url)
    server.close()


def head_revision(app) -> str:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_upgrade_from_empty_downgrade_one_step_and_upgrade_again(empty_postgres):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_postgres, "TESTING": True})
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        upgrade()
        head = head_revision(app)
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []                                    # the migrations build the models' schema
        import_all(CONTENT)
        revisions = db.session.scalar(select(func.count()).select_from(PageRevision))
        db.session.remove()

        downgrade(revision="-1")
        assert head_revision(app) != head

        upgrade()
        assert head_revision(app) == head
        assert db.session.scalar(select(func.count()).select_from(PageRevision)) == revisions
        db.session.remove()
        db.engine.dispose()
