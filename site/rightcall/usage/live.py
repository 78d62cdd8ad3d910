"""Keep today's figures fresh without making anyone wait.

Re-rolling today takes a second or two on a busy day, so the dashboard never does it inside a
request: it starts (at most) one background re-roll per process when today's rollup is older
than ``USAGE_LIVE_SECONDS`` and answers at once from the rollups it has. With the setting at 0
(tests, a quiet development site) the re-roll happens inline, so the page is exact.
"""
from __future__ import annotations

import logging
import threading
from datetime import date

from flask import Flask, current_app

from ..extensions import db
from . import rollup

log = logging.getLogger(__name__)
EXTENSION = "rightcall.usage.live"


class TodayRefresher:
    def __init__(self, app: Flask):
        self.app = app
        self._running = threading.Lock()

    def kick(self, today: date, max_age: float) -> None:
        if not self._running.acquire(blocking=False):
            return                                     # one re-roll at a time is enough
        threading.Thread(target=self._run, args=(today, max_age), daemon=True,
                         name="usage-refresh").start()

    def _run(self, today: date, max_age: float) -> None:
        try:
            with self.app.app_context():
                try:
                    rollup.refresh(today, max_age)
                except Exception as error:  # noqa: BLE001 — another process re-rolling, the DB away…
                    db.session.rollback()
                    log.warning("usage: today's figures not refreshed (%s)", type(error).__name__)
                finally:
                    db.session.remove()
        finally:
            self._running.release()


def freshen(today: date) -> None:
    """Make today's rollup at most ``USAGE_LIVE_SECONDS`` old (inline when that is 0)."""
    max_age = current_app.config["USAGE_LIVE_SECONDS"]
    if max_age <= 0:
        rollup.refresh(today, 0)
        return
    current_app.extensions.setdefault(EXTENSION, TodayRefresher(current_app._get_current_object())).kick(today, max_age)
