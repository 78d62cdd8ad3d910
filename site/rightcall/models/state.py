"""A single row of site-wide state: the content version every publish bumps."""
from __future__ import annotations

import logging

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
_last_known: dict[str, int] = {}      # database URL → the version this process last read


def content_version() -> int:
    """The current content version (0 before any content was imported).

    While the database does not answer, the version this process last read is used, so pages
    already in the cache keep being served; with none known, the error propagates (a 503).
    """
    key = str(db.engine.url)
    try:
        version = db.session.scalar(select(SiteState.content_version).where(SiteState.id == 1)) or 0
    except SQLAlchemyError:
        db.session.rollback()
        if key not in _last_known:
            raise
        log.warning("database not reachable: serving content version %d from cache", _last_known[key])
        return _last_known[key]
    _last_known[key] = version
    return version


def bump_content_version() -> None:
    """Mark all cached pages stale; call in the same transaction as the content change."""
    if db.session.get(SiteState, 1) is None:
        db.session.add(SiteState(id=1, content_version=1))
    else:
        db.session.execute(
            update(SiteState).where(SiteState.id == 1)
            .values(content_version=SiteState.content_version + 1)
        )
