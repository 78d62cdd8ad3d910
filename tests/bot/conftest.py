"""The real assistant: Rasa and the action server started once for these tests.

They need ``bot/.venv`` and a trained model (``make test`` builds both first). The action
server reads the service directory from a live site of its own, as in production.
"""
from __future__ import annotations

import pytest

from rightcall import create_app
from rightcall.extensions import db

from helpers import LiveServer
from servers import BotServers, BotUnavailable


@pytest.fixture(scope="session")
def assistant(databases):
    site_db = databases.new()
    site = LiveServer(create_app({"SQLALCHEMY_DATABASE_URI": site_db, "USAGE_FLUSH_SECONDS": 0}))
    try:
        bot = BotServers(site.url)
    except BotUnavailable as error:
        site.stop()
        pytest.fail(str(error))
    yield bot
    bot.close()
    site.stop()
    with site.app.app_context():
        db.engine.dispose()
    databases.drop(site_db)


@pytest.fixture
def rasa_client(assistant, database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True,
                      "RASA_URL": assistant.url, "RASA_TIMEOUT": 10.0,
                      "CHAT_RATE_LIMIT": "1000 per minute", "USAGE_FLUSH_SECONDS": 0})
    yield app.test_client()
    with app.app_context():
        db.engine.dispose()
