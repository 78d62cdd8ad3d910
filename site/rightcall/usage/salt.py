"""Today's salt for visitor hashes: random, shared by every process through the database,
and destroyed when the day is over (the row for any other day is deleted)."""
from __future__ import annotations

import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models.usage import UsageSalt

_memory: dict[tuple[str, date], bytes] = {}   # (database, day) → salt


def today(timezone: str | None = None) -> date:
    """The campaign's local day (``USAGE_TIMEZONE``, Toronto by default)."""
    return datetime.now(ZoneInfo(timezone or current_app.config["USAGE_TIMEZONE"])).date()


def salt_for(day: date) -> bytes:
    """The salt of ``day``: made on first use, older salts deleted at the same moment."""
    key = (str(db.engine.url), day)
    if key in _memory:
        return _memory[key]
    salt = db.session.scalar(select(UsageSalt.salt).where(UsageSalt.day == day))
    if salt is None:
        try:
            db.session.execute(delete(UsageSalt).where(UsageSalt.day != day))
            db.session.add(UsageSalt(day=day, salt=secrets.token_bytes(32)))
            db.session.commit()
        except IntegrityError:       # another process made it first: use theirs
            db.session.rollback()
        salt = db.session.scalar(select(UsageSalt.salt).where(UsageSalt.day == day))
    _memory.clear()                  # forget yesterday's salt in this process too
    _memory[key] = salt
    return salt
