"""Daily rollups equal the raw counts; the purge keeps the rollups; the salt lives one day."""
from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from rightcall.extensions import db
from rightcall.models.usage import UsageDaily, UsageEvent, UsageRolledDay, UsageSalt
from rightcall.usage import rollup as rollups
from rightcall.usage.salt import salt_for

TODAY = date(2026, 11, 25)
SERVICES = ["emergency-911", "police-non-emergency", "city-311", "crisis-988"]
LOCALES = ["en", "fr", "zh-Hans", "ar"]


def random_events(n: int, seed: int = 7, days: int = 10) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        kind = rng.choice(["pageview", "call_tap", "chat_outcome", "quiz_answer", "language_switch", "chat_started"])
        row = {"day": TODAY - timedelta(days=rng.randrange(days)), "kind": kind, "locale": rng.choice(LOCALES)}
        if kind == "pageview":
            row.update(page=rng.choice(["home", "quiz", "about"]), device=rng.choice(["phone", "desktop"]),
                       visitor=f"{rng.randrange(30):016x}", referrer=rng.choice([None, "ttc.ca"]),
                       utm_campaign=rng.choice([None, "winter"]))
        elif kind == "call_tap":
            row.update(service=rng.choice(SERVICES), page="home")
        elif kind == "chat_outcome":
            row.update(route=rng.choice(SERVICES + [None]), intent=rng.choice(["greet", "emergency", None]),
                       fallback=rng.random() < 0.2, safety=rng.random() < 0.1, turn=rng.randint(1, 4),
                       confidence=rng.choice(["high", "low", None]))
        elif kind == "quiz_answer":
            row.update(scenario=rng.choice(["house-fire", "pothole"]), correct=rng.random() < 0.6)
        elif kind == "language_switch":
            row.update(from_locale=rng.choice(LOCALES))
        rows.append(row)
    return rows


def insert(app, rows):
    with app.app_context():
        db.session.execute(db.insert(UsageEvent), rows)
        db.session.commit()


def daily(app, kind, dimension="total", all_languages=False):
    """Rollup rows per language (or the all-languages rows, locale "*")."""
    with app.app_context():
        query = (select(UsageDaily.day, UsageDaily.locale, UsageDaily.value, UsageDaily.count)
                 .where(UsageDaily.kind == kind, UsageDaily.dimension == dimension,
                        (UsageDaily.locale == "*") if all_languages else (UsageDaily.locale != "*")))
        return {(d, loc, v): c for d, loc, v, c in db.session.execute(query)}


def test_rollup_totals_and_breakdowns_equal_the_raw_counts(app):
    rows = random_events(3000)
    insert(app, rows)
    with app.app_context():
        assert rollups.rollup(TODAY - timedelta(days=30), TODAY, TODAY) == 10
    for kind in {r["kind"] for r in rows}:
        expected = Counter((r["day"], r["locale"], "") for r in rows if r["kind"] == kind)
        assert daily(app, kind) == dict(expected), kind
    taps = Counter((r["day"], r["locale"], r["service"]) for r in rows if r["kind"] == "call_tap")
    assert daily(app, "call_tap", "service") == dict(taps)
    routes = Counter((r["day"], r["locale"], r["route"] or "none") for r in rows if r["kind"] == "chat_outcome")
    assert daily(app, "chat_outcome", "route") == dict(routes)
    fallbacks = Counter((r["day"], r["locale"], r["intent"] or "none") for r in rows
                        if r["kind"] == "chat_outcome" and r["fallback"])
    assert daily(app, "chat_outcome", "fallback_intent") == dict(fallbacks)
    right = Counter((r["day"], r["locale"], r["scenario"]) for r in rows if r["kind"] == "quiz_answer" and r["correct"])
    assert daily(app, "quiz_answer", "scenario_correct") == dict(right)
    visitors = {}
    for r in rows:
        if r["kind"] == "pageview":
            visitors.setdefault((r["day"], r["locale"], ""), set()).add(r["visitor"])
    assert daily(app, "pageview", "visitors") == {k: len(v) for k, v in visitors.items()}
    referrers = Counter((r["day"], r["locale"], r["referrer"]) for r in rows
                        if r["kind"] == "pageview" and r["referrer"])
    assert daily(app, "pageview", "referrer") == dict(referrers)
    # The all-languages rows: the same counts without the language split, and visitors
    # counted once even when they read two languages the same day.
    taps_all = Counter((r["day"], "*", r["service"]) for r in rows if r["kind"] == "call_tap")
    assert daily(app, "call_tap", "service", all_languages=True) == dict(taps_all)
    visitors_all = {}
    for r in rows:
        if r["kind"] == "pageview":
            visitors_all.setdefault((r["day"], "*", ""), set()).add(r["visitor"])
    assert daily(app, "pageview", "visitors", all_languages=True) == {k: len(v) for k, v in visitors_all.items()}


def test_rolling_a_day_up_again_replaces_it_and_counts_late_events(app):
    insert(app, random_events(200, days=1))
    with app.app_context():
        rollups.rollup(TODAY, TODAY, TODAY)
        first = db.session.scalar(select(func.sum(UsageDaily.count)).where(
            UsageDaily.dimension == "total", UsageDaily.locale == "*"))
    insert(app, [{"day": TODAY, "kind": "chat_started", "locale": "en"}])
    with app.app_context():
        rollups.rollup(TODAY, TODAY, TODAY)
        again = db.session.scalar(select(func.sum(UsageDaily.count)).where(
            UsageDaily.dimension == "total", UsageDaily.locale == "*"))
        assert not db.session.get(UsageRolledDay, TODAY).complete     # today is not over
    assert again == first + 1


def test_pending_rolls_up_only_finished_days_and_marks_them_complete(app):
    insert(app, random_events(300, days=4))
    with app.app_context():
        assert rollups.rollup_pending(TODAY) == 3
        assert rollups.rollup_pending(TODAY) == 0          # nothing left to do
        rolled = db.session.scalars(select(UsageRolledDay)).all()
        assert {r.day for r in rolled} == {TODAY - timedelta(days=i) for i in (1, 2, 3)}
        assert all(r.complete for r in rolled)


def test_the_dashboard_refresh_rolls_up_today_and_yesterday(app):
    insert(app, random_events(300, days=5))
    with app.app_context():
        assert rollups.refresh(TODAY, max_age_seconds=60) == 3       # today, yesterday, the day before
        assert rollups.refresh(TODAY, max_age_seconds=60) == 0       # fresh: nothing to redo
        assert rollups.refresh(TODAY, max_age_seconds=0) == 1        # today again, when asked


def test_purge_deletes_old_raw_events_but_keeps_their_rollups(app):
    rows = random_events(1000, days=40)
    insert(app, rows)
    old = sum(1 for r in rows if r["day"] < TODAY - timedelta(days=30))
    with app.app_context():
        assert rollups.purge(TODAY, retention_days=30) == old
        assert db.session.scalar(select(func.min(UsageEvent.day))) >= TODAY - timedelta(days=30)
        total = db.session.scalar(select(func.sum(UsageDaily.count)).where(
            UsageDaily.dimension == "total", UsageDaily.locale == "*",
            UsageDaily.day < TODAY - timedelta(days=30)))
    assert total == old         # rolled up before they were deleted


def test_the_usage_commands_print_a_summary(app, runner):
    insert(app, random_events(100, days=3))
    result = runner.invoke(args=["usage", "daily"])
    assert result.exit_code == 0
    assert "day(s) rolled up" in result.output and "raw event(s) older than 30 days deleted" in result.output
    assert runner.invoke(args=["usage", "purge", "--days", "0"]).exit_code != 0    # a clear refusal


def test_the_salt_is_made_once_a_day_and_yesterdays_is_destroyed(app):
    with app.app_context():
        monday = salt_for(TODAY)
        assert salt_for(TODAY) == monday
        tuesday = salt_for(TODAY + timedelta(days=1))
        assert tuesday != monday and len(tuesday) == 32
        assert db.session.scalars(select(UsageSalt.day)).all() == [TODAY + timedelta(days=1)]


@pytest.mark.parametrize("confidence, band", [(0.95, "high"), (0.6, "medium"), (0.2, "low"), (None, None)])
def test_confidence_is_kept_only_as_a_band(confidence, band):
    from rightcall.usage.events import confidence_band

    assert confidence_band(confidence) == band
