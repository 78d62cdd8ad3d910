"""Anonymized usage: raw events (kept for a retention period), daily rollups, the daily salt.

Nothing here identifies a person: no address, no user agent, no cookie, no chat text. The one
per-visitor value is ``UsageEvent.visitor``, a hash under a salt that is replaced every day and
then destroyed (``UsageSalt``), so a visitor cannot be followed from one day to the next.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class UsageEvent(db.Model):
    """One anonymized event. Which columns are filled depends on ``kind`` (see usage/events.py)."""

    __tablename__ = "usage_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column()              # the campaign's local day, no time of day
    kind: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(10))
    page: Mapped[str | None] = mapped_column(String(64))
    service: Mapped[str | None] = mapped_column(String(64))
    scenario: Mapped[str | None] = mapped_column(String(64))
    correct: Mapped[bool | None] = mapped_column()
    route: Mapped[str | None] = mapped_column(String(64))
    intent: Mapped[str | None] = mapped_column(String(40))
    confidence: Mapped[str | None] = mapped_column(String(10))   # band: high | medium | low
    fallback: Mapped[bool | None] = mapped_column()
    safety: Mapped[bool | None] = mapped_column()
    turn: Mapped[int | None] = mapped_column()
    from_locale: Mapped[str | None] = mapped_column(String(10))
    referrer: Mapped[str | None] = mapped_column(String(100))   # host name only
    utm_campaign: Mapped[str | None] = mapped_column(String(64))
    utm_source: Mapped[str | None] = mapped_column(String(64))
    utm_medium: Mapped[str | None] = mapped_column(String(64))
    device: Mapped[str | None] = mapped_column(String(10))       # phone | tablet | desktop
    visitor: Mapped[str | None] = mapped_column(String(16))      # daily-salted hash

    __table_args__ = (Index("ix_usage_event_day_kind", "day", "kind"),)


class UsageDaily(db.Model):
    """A day's count of one kind of event, in one language, broken down by one dimension.

    ``dimension="total"`` (``value=""``) is the day's total; other dimensions (``page``,
    ``service``, ``route``…) split the same events by one field. ``locale="*"`` rows count all
    languages together. The dashboard reads only these.
    """

    __tablename__ = "usage_daily"
    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    locale: Mapped[str] = mapped_column(String(10), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(24), primary_key=True)
    value: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column()

    __table_args__ = (Index("ix_usage_daily_locale_day", "locale", "day"),)


class UsageRolledDay(db.Model):
    """A day whose raw events have been rolled up into ``usage_daily``: when, and whether the
    day was over by then (``complete``) — today's figures are re-rolled as the day goes on."""

    __tablename__ = "usage_rolled_day"
    day: Mapped[date] = mapped_column(primary_key=True)
    rolled_at: Mapped[datetime] = mapped_column()
    complete: Mapped[bool] = mapped_column(default=False)


class UsageSalt(db.Model):
    """Today's random salt for visitor hashes. Yesterday's row is deleted when today's is made."""

    __tablename__ = "usage_salt"
    day: Mapped[date] = mapped_column(primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary(32))
