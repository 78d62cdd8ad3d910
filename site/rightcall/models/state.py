"""A single row of site-wide state: the content version every publish bumps."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class SiteState(db.Model):
    """Row 1 holds ``content_version``, part of every public page's cache key and ETag."""

    __tablename__ = "site_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_version: Mapped[int] = mapped_column(default=0)


def content_version() -> int:
    """The current content version (0 before any content was imported)."""
    return db.session.scalar(select(SiteState.content_version).where(SiteState.id == 1)) or 0


def bump_content_version() -> None:
    """Mark all cached pages stale; call in the same transaction as the content change."""
    if db.session.get(SiteState, 1) is None:
        db.session.add(SiteState(id=1, content_version=1))
    else:
        db.session.execute(
            update(SiteState).where(SiteState.id == 1)
            .values(content_version=SiteState.content_version + 1)
        )
