"""The assistant under load, in one run: 20 simulated residents chat for 60 s through the
site's /api/chat (gunicorn's chat pool, production mode), then the same residents post the same
messages straight to Rasa's REST webhook for 60 s. Rasa runs as `make serve` runs it: two
replicas sharing conversations and locks in Redis (bot/endpoints.production.yml), each with an
action server; the site rotates turns over both (RASA_URL), and so do the direct posts. A resident reads the answer and types the next
message: 1 to 3 s between messages (as locust's ``between(1, 3)``), a new conversation every
four messages. Goals: the site adds <= 15 ms at p50, its p95 stays
under 500 ms, and no request fails.

Needs bot/.venv and a trained model (make bench-production builds them), PostgreSQL and Redis.
"""
from __future__ import annotations

import itertools
import os
import platform
import random
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "bot"))
from production import Gunicorn, free_port, postgres_database  # noqa: E402
from servers import BotServers  # noqa: E402

RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "20"))
REPLICAS = 2
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
CONVERSATION = [
    ("my bike was stolen from my garage last week", "en"), ("someone is acting strange outside", "en"),
    ("no, nobody is in danger", "en"), ("there is a huge pothole on my street", "en"),
    ("my neighbour's house is on fire", "en"), ("on a volé mon vélo hier", "fr"),
    ("I need help paying for food this month", "en"), ("my friend is talking about ending his life", "en"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def run(send, seconds: int) -> dict:
    """``RESIDENTS`` threads call ``send(conversation, message, locale)`` for ``seconds``."""
    latencies, failures, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def resident(index: int) -> None:
        session, pause = requests.Session(), random.Random(index)
        messages = itertools.cycle(CONVERSATION[index % len(CONVERSATION):] + CONVERSATION[:index % len(CONVERSATION)])
        conversation = None
        for turn in itertools.count():
            if time.monotonic() >= deadline:
                return
            if turn % 4 == 0:
                conversation = None                       # a new resident every few messages
            message, locale = next(messages)
            started = time.perf_counter()
            try:
                ok, conversation = send(session, conversation, message, locale)
            except requests.RequestException as error:
                ok = False
                with lock:
                    failures.append(type(error).__name__)
            took = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(took)
                if not ok:
                    failures.append("bad answer")
            time.sleep(pause.uniform(1.0, 3.0))

    threads = [threading.Thread(target=resident, args=(i,)) for i in range(RESIDENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"requests": len(latencies), "p50": statistics.median(latencies), "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99), "failures": len(failures), "rps": len(latencies) / seconds}


def main() -> None:
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores; {RESIDENTS} residents, {SECONDS} s per run; "
          f"the chat pool under gunicorn (2 processes x 8 threads), {REPLICAS} Rasa replicas (Redis tracker and "
          f"lock stores) with their action servers")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    with postgres_database() as database:
        port = free_port()
        bots, site = [], None
        try:
            for _ in range(REPLICAS):
                bots.append(BotServers(f"http://127.0.0.1:{port}", env={
                    "RASA_ENDPOINTS": "endpoints.production.yml", "REDIS_URL": redis_url, "RASA_REDIS_DB": "3"}))
            site = Gunicorn("rightcall:create_app()", {
                "DATABASE_URL": database, "REDIS_URL": redis_url, "RASA_URL": ",".join(bot.url for bot in bots),
                "RASA_TIMEOUT": "5", "CHAT_RATE_LIMIT": "1000000 per minute",
                "WEB_WORKERS": "2", "WEB_THREADS": "8"}, port=port)       # the chat pool (Procfile.production)
            replicas = itertools.cycle(bot.url for bot in bots)

            def through_site(session, conversation, message, locale):
                response = session.post(site.url + "/api/chat", timeout=30,
                                        json={"message": message, "locale": locale, "conversation": conversation})
                body = response.json()
                return response.status_code == 200 and body.get("mode") == "assistant", body.get("conversation")

            def straight_to_rasa(session, conversation, message, locale):
                conversation = conversation or uuid.uuid4().hex
                response = session.post(next(replicas) + "/webhooks/rest/webhook", timeout=30,
                                        json={"sender": conversation, "message": message, "metadata": {"locale": locale}})
                return response.status_code == 200 and bool(response.json()), conversation

            run(through_site, 10)                                          # warm-up: models, caches, pools
            via_site = run(through_site, SECONDS)
            direct = run(straight_to_rasa, SECONDS)
        finally:
            if site:
                site.stop()
            for bot in bots:
                bot.close()
    for name, figures in (("straight to Rasa's webhook", direct), ("through the site's /api/chat", via_site)):
        print(f"{name:<30} {figures['requests']:>6} requests ({figures['rps']:.1f}/s)   p50 {figures['p50']:7.1f} ms"
              f"   p95 {figures['p95']:7.1f} ms   p99 {figures['p99']:7.1f} ms   failures {figures['failures']}")
    print(f"the site adds {via_site['p50'] - direct['p50']:+.1f} ms at p50 (goal <= 15 ms); "
          f"p95 through the site {via_site['p95']:.0f} ms (goal < 500 ms); failures {via_site['failures']} (goal 0)")


if __name__ == "__main__":
    main()
