"""Daily rollups of the raw events, and the purge of raw events past their retention.

Each (day, kind, language) gets a ``total`` row and one row per value of each dimension below,
and the same again for all languages together (locale ``*``). A day is read with one GROUP BY
over every event column (a few thousand distinct combinations, however many events), and the
dimensions are summed from those rows here; visitors are counted distinct by the database.
Rolling a day up again replaces its rows (idempotent). The dashboard reads only rollups; it
re-rolls today at most every ``USAGE_LIVE_SECONDS``.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import delete, distinct, func, insert, select

from ..extensions import db
from ..models.usage import UsageDaily, UsageEvent, UsageRolledDay, UsageSalt

E = UsageEvent
ALL = "*"      # the locale of the rows that count every language together
SKIP = object()


def _flag(value) -> str:
    return {True: "yes", False: "no"}.get(value, "")


def _present(value):
    return SKIP if value is None else value


# kind → dimension → the value of one row (SKIP: the row does not count in this dimension)
DIMENSIONS = {
    "pageview": {
        "page": lambda r: r.page, "referrer": lambda r: _present(r.referrer),
        "utm_campaign": lambda r: _present(r.utm_campaign),
        "utm_source": lambda r: _present(r.utm_source),
        "utm_medium": lambda r: _present(r.utm_medium), "device": lambda r: r.device,
    },
    "call_tap": {"service": lambda r: r.service, "page": lambda r: r.page},
    "chat_started": {},
    "chat_outcome": {
        "route": lambda r: r.route or "none", "intent": lambda r: r.intent or "none",
        "confidence": lambda r: r.confidence or "none", "fallback": lambda r: _flag(r.fallback),
        "safety": lambda r: _flag(r.safety), "turn": lambda r: r.turn,
        "fallback_intent": lambda r: (r.intent or "none") if r.fallback else SKIP,
    },
    "quiz_answer": {
        "scenario": lambda r: r.scenario, "correct": lambda r: _flag(r.correct),
        "scenario_correct": lambda r: r.scenario if r.correct else SKIP,
    },
    "language_switch": {"from": lambda r: r.from_locale},
}
COLUMNS = [E.kind, E.locale, E.page, E.service, E.scenario, E.correct, E.route, E.intent,
           E.confidence, E.fallback, E.safety, E.turn, E.from_locale, E.referrer,
           E.utm_campaign, E.utm_source, E.utm_medium, E.device]


def day_rows(day: date) -> list[dict]:
    """The rollup rows of one day, computed from its raw events."""
    counts: Counter = Counter()
    grouped = select(*COLUMNS, func.count().label("n")).where(E.day == day).group_by(*COLUMNS)
    for row in db.session.execute(grouped):
        dimensions = DIMENSIONS.get(row.kind)
        if dimensions is None:
            continue
        for locale in (row.locale, ALL):
            counts[(row.kind, locale, "total", "")] += row.n
            for name, value_of in dimensions.items():
                value = value_of(row)
                if value is not SKIP:
                    counts[(row.kind, locale, name, "" if value is None else str(value))] += row.n
    visitors = (select(E.locale, func.count(distinct(E.visitor)))
                .where(E.day == day, E.kind == "pageview", E.visitor.is_not(None)))
    for locale, n in db.session.execute(visitors.group_by(E.locale)):
        counts[("pageview", locale, "visitors", "")] = n
    overall = db.session.execute(visitors.with_only_columns(func.count(distinct(E.visitor)))).scalar()
    if overall:
        counts[("pageview", ALL, "visitors", "")] = overall
    return [{"day": day, "kind": k, "locale": loc, "dimension": dim, "value": value, "count": n}
            for (k, loc, dim, value), n in counts.items()]


def rollup(start: date, end: date, today: date) -> int:
    """Roll up every day in [start, end] that has raw events; returns the number of days."""
    days = db.session.scalars(select(E.day).distinct().where(E.day >= start, E.day <= end)).all()
    now = _utcnow()
    for day in days:
        db.session.execute(delete(UsageDaily).where(UsageDaily.day == day))
        rows = day_rows(day)
        if rows:
            db.session.execute(insert(UsageDaily), rows)
        db.session.execute(delete(UsageRolledDay).where(UsageRolledDay.day == day))
        db.session.add(UsageRolledDay(day=day, rolled_at=now, complete=day < today))
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
