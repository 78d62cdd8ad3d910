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
from datetime import date
from itertools import islice

from flask import Flask, current_app, request
from psycopg import sql
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
        self._salt: tuple[date, bytes] | None = None        # today's, once read

    def queue(self, kind: str, locale: str, day: date, fields: dict) -> bool:
        """Add an event of ``kind`` with only the columns that kind allows (no app context needed)."""
        row = {"day": day, "kind": kind, "locale": locale}
        for name in KINDS[kind]:
            row[name] = fields.get(name)
        interval = self.app.config["USAGE_FLUSH_SECONDS"]
        if interval > 0 and self._thread is None:
            self.start(interval)
        return self.add(row)

    def salt(self, day: date) -> bytes | None:
        """Today's salt for visitor hashes: kept once read; None while the database is away."""
        if self._salt is not None and self._salt[0] == day:
            return self._salt[1]
        with self.app.app_context():
            try:
                salt = salt_for(day)
            except SQLAlchemyError:
                db.session.rollback()
                return None
            finally:
                db.session.remove()
        self._salt = (day, salt)
        return salt

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
    """A batch in one statement per kind of event (each row holds only its kind's columns):
    PostgreSQL's COPY (several times faster than INSERT for a spike's thousands of rows a
    second), a multi-row INSERT elsewhere."""
    by_kind: dict[str, list[dict]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row)
    for same_kind in by_kind.values():
        if db.engine.dialect.name == "postgresql":
            _copy(same_kind)
        else:
            db.session.execute(UsageEvent.__table__.insert(), same_kind)


def _copy(rows: list[dict]) -> None:
    columns = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(UsageEvent.__tablename__), sql.SQL(", ").join(map(sql.Identifier, columns)))
    driver = db.session.connection().connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(tuple(row.values()))


def buffer() -> EventBuffer:
    return current_app.extensions[EXTENSION]


def counting(app: Flask, environ: dict) -> bool:
    """Usage is on, and this request comes from a person who has not opted out."""
    return app.config["USAGE_ENABLED"] and request_facts.countable(environ)


def record(kind: str, locale: str, **fields) -> bool:
    """Queue one event of ``kind`` for the current request, unless it must not be counted."""
    if not counting(current_app, request.environ):
        return False
    return buffer().queue(kind, locale, today(), fields)


def record_pageview(page: str, locale: str) -> bool:
    """Count a page view of the current request."""
    return count_pageview(current_app._get_current_object(), page, locale, request.environ)


def count_pageview(app: Flask, page: str, locale: str, environ: dict) -> bool:
    """Count a page view of the request in ``environ``. Needs no app context once today's salt
    is known, which keeps the front cache's answer cheap. Without a salt (the database is away)
    the view is counted without the visitor hash."""
    if not counting(app, environ) or request_facts.counted_by_mirror(environ):
        return False
    events: EventBuffer = app.extensions[EXTENSION]
    day = today(app.config["USAGE_TIMEZONE"])
    salt = events.salt(day)
    return events.queue("pageview", locale, day, dict(
        page=page, referrer=request_facts.referrer_host(environ),
        device=request_facts.device_class(request_facts.user_agent(environ)),
        visitor=request_facts.visitor_hash(salt, environ) if salt is not None else None,
        **request_facts.utm(environ)))


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
    if not counting(current_app, request.environ):
        return
    if first_turn:
        record("chat_started", locale)
    record("chat_outcome", locale, route=answer.route, intent=answer.intent,
           confidence=confidence_band(answer.confidence), fallback=answer.fallback,
           safety=answer.safety, turn=_turn_number(conversation, first_turn))
