"""A single row of site-wide state: the content version every publish bumps."""
from __future__ import annotations

import logging
import time

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class SiteState(db.Model):
    """Row 1 holds ``content_version``, part of every public page's cache key and ETag."""

    __tablename__ = "site_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_version: Mapped[int] = mapped_column(default=0)


log = logging.getLogger(__name__)
_last_known: dict[str, tuple[int, float]] = {}   # database URL → (version, when it was read)


def content_version() -> int:
    """The current content version (0 before any content was imported).

    Read at most every ``CONTENT_VERSION_SECONDS`` per process (a publish here is seen at once,
    one in another process within that time), so a cached page costs no database round trip.
    While the database does not answer, the version last read is used, so pages already in
    the cache keep being served; with none known, the error propagates (a 503).
    """
    key = str(db.engine.url)
    known = _last_known.get(key)
    now = time.monotonic()
    if known is not None and now - known[1] < current_app.config["CONTENT_VERSION_SECONDS"]:
        return known[0]
    try:
        version = db.session.scalar(select(SiteState.content_version).where(SiteState.id == 1)) or 0
    except SQLAlchemyError:
        db.session.rollback()
        if known is None:
            raise
        log.warning("database not reachable: serving content version %d from cache", known[0])
        _last_known[key] = (known[0], now)         # try the database again after the interval
        return known[0]
    _last_known[key] = (version, now)
    return version


def recent_content_version(database_url: str, seconds: float) -> int | None:
    """The version this process read less than ``seconds`` ago, or None (ask the database)."""
    known = _last_known.get(database_url)
    if known is not None and time.monotonic() - known[1] < seconds:
        return known[0]
    return None


def bump_content_version() -> None:
    """Mark all cached pages stale; call in the same transaction as the content change."""
    _last_known.pop(str(db.engine.url), None)
    if db.session.get(SiteState, 1) is None:
        db.session.add(SiteState(id=1, content_version=1))
    else:
        db.session.execute(
            update(SiteState).where(SiteState.id == 1)
            .values(content_version=SiteState.content_version + 1)
        )
