"""Daily rollups of the raw events, and the purge of raw events past their retention.

Each (day, kind, locale) gets a ``total`` row and one row per value of each dimension below —
computed by one GROUP BY per dimension in the database, so rolling up a day of a million
events never loads them into Python. Rolling a day up again replaces its rows (idempotent).
The dashboard reads only rollups; it re-rolls today (at most every ``USAGE_LIVE_SECONDS``).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import String, and_, case, cast, delete, distinct, func, insert, literal, select

from ..extensions import db
from ..models.usage import UsageDaily, UsageEvent, UsageRolledDay, UsageSalt

E = UsageEvent


def _flag(column):
    return case((column.is_(True), "yes"), (column.is_(False), "no"), else_="")


# kind → dimension → (value expression, extra condition or None)
DIMENSIONS = {
    "pageview": {
        "page": (E.page, None), "referrer": (E.referrer, E.referrer.is_not(None)),
        "utm_campaign": (E.utm_campaign, E.utm_campaign.is_not(None)),
        "utm_source": (E.utm_source, E.utm_source.is_not(None)),
        "utm_medium": (E.utm_medium, E.utm_medium.is_not(None)), "device": (E.device, None),
    },
    "call_tap": {"service": (E.service, None), "page": (E.page, None)},
    "chat_started": {},
    "chat_outcome": {
        "route": (func.coalesce(E.route, "none"), None), "intent": (func.coalesce(E.intent, "none"), None),
        "confidence": (func.coalesce(E.confidence, "none"), None), "fallback": (_flag(E.fallback), None),
        "safety": (_flag(E.safety), None), "turn": (E.turn, None),
        "fallback_intent": (func.coalesce(E.intent, "none"), E.fallback.is_(True)),
    },
    "quiz_answer": {
        "scenario": (E.scenario, None), "correct": (_flag(E.correct), None),
        "scenario_correct": (E.scenario, E.correct.is_(True)),
    },
    "language_switch": {"from": (E.from_locale, None)},
}


ALL = "*"   # the locale of the rows that count every language together


def _queries(start: date, end: date):
    """SELECT statements giving rollup rows (day, kind, locale, dimension, value, count): per
    language, and again for all languages together (locale "*"), so that the dashboard's
    usual view reads one row per value instead of summing thirteen."""
    in_range = and_(E.day >= start, E.day <= end)
    for locale in (E.locale, literal(ALL)):
        keys = [E.day, E.locale] if locale is E.locale else [E.day]
        for kind, dimensions in DIMENSIONS.items():
            where = and_(in_range, E.kind == kind)
            yield select(E.day, literal(kind), locale, literal("total"), literal(""),
                         func.count()).where(where).group_by(*keys)
            for name, (value, condition) in dimensions.items():
                value = func.coalesce(cast(value, String), "")
                query = select(E.day, literal(kind), locale, literal(name), value, func.count())
                query = query.where(where if condition is None else and_(where, condition))
                yield query.group_by(*keys, value)
        yield (select(E.day, literal("pageview"), locale, literal("visitors"), literal(""),
                      func.count(distinct(E.visitor)))
               .where(in_range, E.kind == "pageview", E.visitor.is_not(None))
               .group_by(*keys))


def rollup(start: date, end: date, today: date) -> int:
    """Roll up every day in [start, end] that has raw events; returns the number of days."""
    days = db.session.scalars(select(E.day).distinct().where(E.day >= start, E.day <= end)).all()
    if not days:
        return 0
    columns = ["day", "kind", "locale", "dimension", "value", "count"]
    db.session.execute(delete(UsageDaily).where(UsageDaily.day.in_(days)))
    for query in _queries(start, end):
        db.session.execute(insert(UsageDaily).from_select(columns, query))
    now = _utcnow()
    db.session.execute(delete(UsageRolledDay).where(UsageRolledDay.day.in_(days)))
    db.session.execute(insert(UsageRolledDay),
                       [{"day": d, "rolled_at": now, "complete": d < today} for d in days])
    db.session.commit()
    return len(days)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def rollup_pending(today: date) -> int:
    """Roll up every finished day that has raw events and no complete rollup yet."""
    complete = select(UsageRolledDay.day).where(UsageRolledDay.complete.is_(True))
    days = sorted(db.session.scalars(
        select(E.day).distinct().where(E.day < today).except_(complete)).all())
    return sum(rollup(day, day, today) for day in days)


def refresh(today: date, max_age_seconds: float) -> int:
    """Cheap catch-up for the dashboard: the last two finished days if not complete, and today
    if its rollup is older than ``max_age_seconds`` (the daily job does the rest)."""
    rolled = {row.day: row for row in db.session.scalars(
        select(UsageRolledDay).where(UsageRolledDay.day >= today - timedelta(days=2)))}
    stale = []
    for day in (today - timedelta(days=2), today - timedelta(days=1)):
        if not (day in rolled and rolled[day].complete):
            stale.append(day)
    if today not in rolled or (_utcnow() - rolled[today].rolled_at).total_seconds() >= max_age_seconds:
        stale.append(today)
    has_events = [d for d in stale if db.session.scalar(select(E.id).where(E.day == d).limit(1))]
    return sum(rollup(day, day, today) for day in has_events)


def purge(today: date, retention_days: int) -> int:
    """Delete raw events older than the retention period (rolled up first), and old salts."""
    cutoff = today - timedelta(days=retention_days)
    oldest = db.session.scalar(select(func.min(E.day)).where(E.day < cutoff))
    if oldest is not None:
        complete = select(UsageRolledDay.day).where(UsageRolledDay.complete.is_(True))
        unrolled = select(E.day).distinct().where(E.day < cutoff).except_(complete)
        for (day,) in db.session.execute(unrolled).all():
            rollup(day, day, today)
    deleted = db.session.execute(delete(E).where(E.day < cutoff)).rowcount or 0
    db.session.execute(delete(UsageSalt).where(UsageSalt.day < today))
    db.session.commit()
    return deleted
