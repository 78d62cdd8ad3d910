"""Print how fast the usage dashboard answers for 90 days over 10 million raw events.

Generates the events inside the database (SQLite, and PostgreSQL when reachable), rolls them up
as the daily job does (timed), then times ``GET /admin/usage?preset=90`` (the page with every
table and chart) and the JSON endpoint: 20 requests each, median and p95. Today's re-roll
(one GROUP BY over today's events) runs in the background, never inside a request
(``usage/live.py``); its time is printed on its own.

Run with `make bench-usage` (EVENTS=1000000 for a quicker run).
"""
from __future__ import annotations

import base64
import os
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import text

REPO_ROOT = Path(__file__).resolve().parents[1]

sys.path.insert(0, str(REPO_ROOT / "bench"))
from databases import temporary_databases  # noqa: E402

from rightcall import create_app  # noqa: E402
from rightcall.content.importer import import_all  # noqa: E402
from rightcall.extensions import db  # noqa: E402
from rightcall.usage import rollup  # noqa: E402
from rightcall.usage.salt import today  # noqa: E402

EVENTS = int(os.environ.get("EVENTS", "10000000"))
DAYS, RUNS, TOKEN = 90, 20, "bench"
LOCALES = ["en", "fr", "zh-Hans", "zh-Hant", "pa", "tl", "es", "pt", "it", "ta", "fa", "ur", "ar"]
PAGES = ["home", "which-number", "calling-911", "police-non-emergency", "crisis-support", "quiz",
         "card", "about", "privacy", "chat"]
SERVICES = ["emergency-911", "police-non-emergency", "police-online-report", "crisis-tccs",
            "crisis-988", "city-311", "community-211", "health-811", "poison-centre", "crime-stoppers"]
INTENTS = ["emergency", "report_online", "police_non_emergency", "city_service", "community_help",
           "mental_health_crisis", "greet", "goodbye", "out_of_scope", "health_advice"]
SCENARIOS = ["house-fire", "not-breathing", "pothole", "bike-stolen-yesterday", "loud-party",
             "need-food", "overdose", "graffiti", "friend-suicidal", "stolen-car"]


def pick(values: list[str], r: str) -> str:
    """SQL choosing one of ``values`` from the random integer expression ``r``."""
    cases = " ".join(f"WHEN {i} THEN '{v}'" for i, v in enumerate(values))
    return f"CASE {r} % {len(values)} {cases} END"


def generate_sql(dialect: str, start_day: str) -> str:
    """One INSERT … SELECT producing EVENTS rows spread over DAYS days."""
    if dialect == "sqlite":
        source = (f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {EVENTS}), "
                  "r AS MATERIALIZED (SELECT i, abs(random()) AS a, abs(random()) AS b FROM n)")
        day = f"date('{start_day}', '+' || (a % {DAYS}) || ' days')"
        visitor = "printf('%016x', b % 40000)"
        boolean = lambda expr: f"({expr})"  # noqa: E731
    else:
        source = (f"WITH r AS MATERIALIZED (SELECT i, (random() * 2147483647)::bigint AS a, "
                  f"(random() * 2147483647)::bigint AS b FROM generate_series(1, {EVENTS}) AS i)")
        day = f"DATE '{start_day}' + (a % {DAYS})::int"
        visitor = "lpad(to_hex(b % 40000), 16, '0')"
        boolean = lambda expr: f"({expr})"  # noqa: E731
    kind = "CASE WHEN b % 100 < 60 THEN 'pageview' WHEN b % 100 < 70 THEN 'call_tap' " \
           "WHEN b % 100 < 75 THEN 'chat_started' WHEN b % 100 < 90 THEN 'chat_outcome' " \
           "WHEN b % 100 < 98 THEN 'quiz_answer' ELSE 'language_switch' END"
    return f"""{source}
    INSERT INTO usage_event (day, kind, locale, page, service, scenario, correct, route, intent,
                             confidence, fallback, safety, turn, from_locale, referrer, utm_campaign,
                             device, visitor)
    SELECT {day}, k, {pick(LOCALES, "(a / 7)")},
      CASE WHEN k IN ('pageview', 'call_tap') THEN {pick(PAGES, "(a / 11)")} END,
      CASE WHEN k = 'call_tap' THEN {pick(SERVICES, "(a / 13)")} END,
      CASE WHEN k = 'quiz_answer' THEN {pick(SCENARIOS, "(a / 17)")} END,
      CASE WHEN k = 'quiz_answer' THEN {boolean("a % 10 < 7")} END,
      CASE WHEN k = 'chat_outcome' THEN {pick(SERVICES, "(a / 19)")} END,
      CASE WHEN k = 'chat_outcome' THEN {pick(INTENTS, "(a / 23)")} END,
      CASE WHEN k = 'chat_outcome' THEN {pick(["high", "medium", "low"], "(a / 29)")} END,
      CASE WHEN k = 'chat_outcome' THEN {boolean("a % 10 = 0")} END,
      CASE WHEN k = 'chat_outcome' THEN {boolean("a % 50 = 0")} END,
      CASE WHEN k = 'chat_outcome' THEN 1 + (a / 31) % 4 END,
      CASE WHEN k = 'language_switch' THEN {pick(LOCALES, "(a / 37)")} END,
      CASE WHEN k = 'pageview' AND a % 5 = 0 THEN {pick(["google.com", "ttc.ca", "toronto.ca", "facebook.com", "reddit.com"], "(a / 41)")} END,
      CASE WHEN k = 'pageview' AND a % 7 = 0 THEN {pick(["winter-ttc", "radio", "bus-shelters"], "(a / 43)")} END,
      CASE WHEN k = 'pageview' THEN {pick(["phone", "phone", "phone", "tablet", "desktop"], "(a / 47)")} END,
      CASE WHEN k = 'pageview' THEN {visitor} END
    FROM (SELECT a, b, {kind} AS k FROM r) AS e
    """


def bench(name: str, url: str) -> None:
    from flask_migrate import upgrade

    print(f"{name}:")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "ADMIN_TOKEN": TOKEN, "USAGE_LIVE_SECONDS": 3600})
    with app.app_context():
        upgrade()
        import_all(REPO_ROOT / "content")
        end = today()
        start = end.fromordinal(end.toordinal() - DAYS + 1)
        started = time.perf_counter()
        db.session.execute(text(generate_sql(db.engine.dialect.name, start.isoformat())))
        db.session.commit()
        print(f"  generated {EVENTS:,} raw events over {DAYS} days in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        days = rollup.rollup_pending(end)
        print(f"  daily job: {days} finished days rolled up in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        rollup.refresh(end, 0)
        print(f"  today's re-roll (in the background, at most every USAGE_LIVE_SECONDS): {time.perf_counter() - started:.2f} s")
    client = app.test_client()
    headers = {"Authorization": "Basic " + base64.b64encode(f"ops:{TOKEN}".encode()).decode()}
    for path in ("/admin/usage?preset=90", "/admin/usage.json?preset=90", "/admin/usage?preset=90&compare=1&locale=fr"):
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        times.sort()
        print(f"  GET {path}: median {statistics.median(times):.0f} ms, "
              f"p95 {times[int(0.95 * len(times)) - 1]:.0f} ms over {RUNS} requests")
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    for name, url in temporary_databases("dashboard"):
        bench(name, url)


if __name__ == "__main__":
    sys.exit(main())
