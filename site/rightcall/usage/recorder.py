"""Record events: checked, reduced to their allowed columns, then written in batches.

Events wait in a bounded in-process buffer and are written in batches (one INSERT of many
rows) by a background thread every ``USAGE_FLUSH_SECONDS``, or, when that is 0, at the end of
each request. A request never waits for the database to record an event. If the database is away the events stay in the buffer and are written when it
is back; when the buffer is full new events are dropped *and counted* (``dropped``), never
silently lost and never allowed to slow the site down.
"""
from __future__ import annotations

import atexit
import logging
import threading
from collections import deque
from itertools import islice

from flask import Flask, current_app, request
from psycopg import sql
from werkzeug.wrappers import Request
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models.usage import UsageEvent
from . import request_facts
from .events import KINDS, confidence_band
from .salt import salt_for, today

log = logging.getLogger(__name__)
EXTENSION = "rightcall.usage"


class EventBuffer:
    """Pending events of one process (a bounded queue) and the counts of what became of them."""

    def __init__(self, app: Flask, limit: int, batch: int = 2000):
        self.app = app
        self.limit = limit
        self.batch = batch
        self.pending: deque[dict] = deque()
        self.written = 0
        self.dropped = 0
        self._add_lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def add(self, row: dict) -> bool:
        with self._add_lock:
            if len(self.pending) >= self.limit:
                self.dropped += 1
                if self.dropped & (self.dropped - 1) == 0:   # 1, 2, 4, 8…: said, not spammed
                    log.warning("usage buffer full (%d events): %d events dropped so far",
                                self.limit, self.dropped)
                return False
            self.pending.append(row)
            return True

    def flush(self, wait: bool = True) -> int:
        """Write every pending event; on a database error keep them for the next try.
        ``wait=False``: return at once if another thread is writing already."""
        if not self._flush_lock.acquire(blocking=wait):
            return 0
        try:
            return self._write()
        finally:
            self._flush_lock.release()

    def _write(self) -> int:
        written = 0
        while self.pending:
            rows = list(islice(self.pending, self.batch))
            try:
                _insert(rows)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 — any database failure: retry later
                db.session.rollback()
                log.warning("usage events not written yet (%d waiting): %s",
                            len(self.pending), type(error).__name__)
                break
            for _ in rows:
                self.pending.popleft()
            written += len(rows)
        self.written += written
        return written

    def start(self, interval: float) -> None:
        """Flush every ``interval`` seconds in a daemon thread (started once, on first use)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True,
                                        name="usage-flush")
        self._thread.start()
        atexit.register(self._flush_in_app)

    def _run(self, interval: float) -> None:
        stop = threading.Event()
        while not stop.wait(interval):
            self._flush_in_app()

    def _flush_in_app(self) -> None:
        with self.app.app_context():
            try:
                self.flush()
            finally:
                db.session.remove()

    def stats(self) -> dict:
        return {"pending": len(self.pending), "written": self.written, "dropped": self.dropped,
                "limit": self.limit}


def _insert(rows: list[dict]) -> None:
    """One batch in one statement: PostgreSQL's COPY (several times faster than INSERT for a
    spike's thousands of rows a second), a multi-row INSERT elsewhere."""
    if db.engine.dialect.name != "postgresql":
        db.session.execute(UsageEvent.__table__.insert(), rows)
        return
    columns = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(UsageEvent.__tablename__), sql.SQL(", ").join(map(sql.Identifier, columns)))
    driver = db.session.connection().connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[column] for column in columns])


def buffer() -> EventBuffer:
    return current_app.extensions[EXTENSION]


def counting(req: Request | None = None) -> bool:
    """Usage is on, and this request comes from a person who has not opted out."""
    return current_app.config["USAGE_ENABLED"] and request_facts.countable(req or request)


def record(kind: str, locale: str, **fields) -> bool:
    """Queue one event of ``kind`` for the current request, unless it must not be counted."""
    if not counting():
        return False
    return _queue(kind, locale, fields)


def _queue(kind: str, locale: str, fields: dict) -> bool:
    allowed = KINDS[kind]
    row = {column: None for columns in KINDS.values() for column in columns}
    row.update({name: value for name, value in fields.items() if name in allowed})
    row.update(day=today(), kind=kind, locale=locale)
    events = buffer()
    interval = current_app.config["USAGE_FLUSH_SECONDS"]
    if interval > 0:
        events.start(interval)
    return events.add(row)


def record_pageview(page: str, locale: str, req: Request | None = None) -> bool:
    """Count a page view of ``req`` (default: the current request; the front cache passes its own)."""
    req = req or request
    if not counting(req):
        return False
    user_agent = req.headers.get("User-Agent", "")
    try:
        visitor = request_facts.visitor_hash(salt_for(today()), req)
    except SQLAlchemyError:          # no salt while the database is away: count the view only
        db.session.rollback()
        visitor = None
    return _queue("pageview", locale, dict(page=page, referrer=request_facts.referrer_host(req),
                                           device=request_facts.device_class(user_agent), visitor=visitor,
                                           **request_facts.utm(req)))


def flush_now() -> None:
    """With ``USAGE_FLUSH_SECONDS`` = 0 the events of a request are written as it ends."""
    if buffer().pending:
        try:
            buffer().flush()
        finally:
            db.session.remove()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = EventBuffer(app, app.config["USAGE_BUFFER_LIMIT"])

    @app.teardown_request
    def _flush_now(_error=None):
        if app.config["USAGE_FLUSH_SECONDS"] <= 0 and app.extensions[EXTENSION].pending:
            app.extensions[EXTENSION].flush()


def _turn_number(conversation: str, first_turn: bool) -> int:
    """The turn's number in its conversation, counted in the short-lived cache (30 minutes)."""
    from ..extensions import cache

    key = f"chat-turn:{conversation}"
    number = 1 if first_turn else (cache.get(key) or 0) + 1
    cache.set(key, number, timeout=1800)
    return number


def record_chat_turn(answer, locale: str, conversation: str, first_turn: bool) -> None:
    """``chat_started`` for a new conversation, and the turn's ``chat_outcome`` (never its text)."""
    if not counting():
        return
    if first_turn:
        record("chat_started", locale)
    record("chat_outcome", locale, route=answer.route, intent=answer.intent,
           confidence=confidence_band(answer.confidence), fallback=answer.fallback,
           safety=answer.safety, turn=_turn_number(conversation, first_turn))
