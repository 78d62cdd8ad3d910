"""The event buffer: bounded, batched, and it loses nothing silently when the database is away."""
from __future__ import annotations

import logging

from sqlalchemy import func, select, text

from rightcall.extensions import db
from rightcall.models.usage import UsageEvent
from rightcall.usage.recorder import EventBuffer
from rightcall.usage.salt import today


def row(app, n=0):
    with app.app_context():
        return {"day": today(), "kind": "call_tap", "locale": "en", "service": "city-311", "page": f"p{n}"}


def stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(UsageEvent))


def test_events_are_written_in_batches(app):
    events = EventBuffer(app, limit=1000, batch=100)
    for i in range(250):
        events.add(row(app, i))
    with app.app_context():
        assert events.flush() == 250
    assert stored(app) == 250 and events.stats() == {"pending": 0, "written": 250, "dropped": 0, "limit": 1000}


def test_a_full_buffer_drops_new_events_and_counts_them(app, caplog):
    events = EventBuffer(app, limit=10)
    caplog.set_level(logging.WARNING)
    accepted = [events.add(row(app, i)) for i in range(15)]
    assert accepted == [True] * 10 + [False] * 5
    assert events.stats()["dropped"] == 5
    assert "usage buffer full" in caplog.text and "events dropped so far" in caplog.text


def test_while_the_database_is_away_events_wait_and_are_written_when_it_is_back(app):
    events = EventBuffer(app, limit=1000)
    for i in range(40):
        events.add(row(app, i))
    with app.app_context():
        db.session.execute(text("ALTER TABLE usage_event RENAME TO usage_event_away"))
        db.session.commit()
        assert events.flush() == 0                      # refused: nothing lost, all still waiting
        assert events.stats()["pending"] == 40
        db.session.execute(text("ALTER TABLE usage_event_away RENAME TO usage_event"))
        db.session.commit()
        assert events.flush() == 40
    assert stored(app) == 40 and events.stats()["dropped"] == 0
