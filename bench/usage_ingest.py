"""Print how many usage events per second this machine ingests, into SQLite and PostgreSQL.

1. Through HTTP: a site process (Werkzeug's server, threaded, one process) and 4 client
   threads posting beacons of 20 events (the batch ``usage.js`` sends) to ``/api/events`` for
   10 s, rate limit off: accepted events/s, then the time until every one is in the database.
2. The write path alone: 200,000 events through the event buffer (batched INSERTs).

Run with `make bench-usage` (PostgreSQL from TEST_DATABASE_URL, skipped if unreachable).
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from datetime import date
from pathlib import Path

import requests
from sqlalchemy import create_engine, func, select

REPO_ROOT = Path(__file__).resolve().parents[1]

sys.path.insert(0, str(REPO_ROOT / "bench"))
from databases import temporary_databases  # noqa: E402

from rightcall import create_app  # noqa: E402
from rightcall.content.importer import import_all  # noqa: E402
from rightcall.extensions import db  # noqa: E402
from rightcall.models.usage import UsageEvent  # noqa: E402
from rightcall.usage.recorder import buffer  # noqa: E402

SECONDS, THREADS, BATCH, DIRECT = 10, 4, 20, 200_000
BROWSER = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
           "Content-Type": "application/json"}
EVENTS = [{"kind": "call_tap", "locale": "fr", "service": "city-311", "page": "home"},
          {"kind": "quiz_answer", "locale": "ta", "scenario": "pothole", "correct": True},
          {"kind": "language_switch", "from": "en", "locale": "ar"}]


def config(url: str) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "USAGE_FLUSH_SECONDS": 0.5,
            "USAGE_BUFFER_LIMIT": 1_000_000}


def prepare(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app(config(url))
    with app.app_context():
        upgrade()
        import_all(REPO_ROOT / "content")
        db.engine.dispose()


def serve(url: str, port: int) -> None:
    from werkzeug.serving import make_server

    import logging
    logging.getLogger("rightcall").setLevel(logging.WARNING)
    make_server("127.0.0.1", port, create_app(config(url)), threaded=True).serve_forever()


def over_http(url: str) -> float:
    port = 5400 + os.getpid() % 500
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(url, port), daemon=True)
    server.start()
    endpoint = f"http://127.0.0.1:{port}/api/events"
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz-none", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    body = {"events": [EVENTS[i % len(EVENTS)] for i in range(BATCH)]}
    sent, errors = [0], [0]
    stop = time.perf_counter() + SECONDS

    def client():
        session = requests.Session()
        while time.perf_counter() < stop:
            response = session.post(endpoint, json=body, headers=BROWSER, timeout=5)
            if response.status_code == 204:
                sent[0] += BATCH
            else:
                errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    engine = create_engine(url)
    while True:
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(UsageEvent.__table__)).scalar_one()
        if stored >= sent[0] or time.perf_counter() - started > SECONDS + 60:
            break
        time.sleep(0.1)
    drained = time.perf_counter() - started - elapsed
    engine.dispose()
    server.terminate()
    print(f"  HTTP: {sent[0]:,} events accepted in {elapsed:.1f} s by {THREADS} clients "
          f"({BATCH} per beacon, {errors[0]} errors) → {sent[0] / elapsed:,.0f} events/s; "
          f"{stored:,} in the database {drained:.1f} s after the last beacon")
    return sent[0] / elapsed


def direct(url: str) -> float:
    app = create_app(config(url))
    with app.test_request_context("/"):
        events = buffer()
        day = date.today()
        rows = [{"day": day, "kind": "call_tap", "locale": "en", "service": "city-311", "page": "home"}
                for _ in range(DIRECT)]
        for row in rows:
            events.add(dict(row))
        started = time.perf_counter()
        written = events.flush()
        elapsed = time.perf_counter() - started
        db.engine.dispose()
    print(f"  write path: {written:,} events in {elapsed:.2f} s → {written / elapsed:,.0f} events/s")
    return written / elapsed


def bench(name: str, url: str) -> None:
    print(f"{name}:")
    prepare(url)
    over_http(url)
    direct(url)


def main() -> None:
    for name, url in temporary_databases("ingest"):
        bench(name, url)


if __name__ == "__main__":
    sys.exit(main())
