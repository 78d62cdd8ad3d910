"""Print how well the assistant understands, per language, and how fast /api/chat answers.

1. Intent accuracy and emergency recall on the held-out NLU test set (bot/tests/nlu_test/,
   never used in training), through the whole NLU pipeline including the safety layer
   (Rasa's /model/parse).
2. /api/chat latency, p50 and p95 over 200 requests, through a running site, Rasa and the
   action server on this machine (held-out sentences, a new conversation every 5 turns).

Run with `make bench-bot` (needs the trained model: `make bot`).
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT / "tests"), str(REPO_ROOT / "tests" / "bot")]

from helpers import ASSISTANT_LOCALES, LiveServer  # noqa: E402
from servers import BotServers  # noqa: E402
from test_assistant_safety import held_out  # noqa: E402

from rightcall import create_app  # noqa: E402
from rightcall.content.importer import import_all  # noqa: E402
from rightcall.extensions import db  # noqa: E402

REQUESTS = 200


def site_with_content(folder: str) -> LiveServer:
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                      "CHAT_RATE_LIMIT": "100000 per minute", "USAGE_ENABLED": False})
    with app.app_context():
        db.create_all()
        import_all(REPO_ROOT / "content")
    return LiveServer(app)


def accuracy(bot: BotServers) -> None:
    print(f"{'language':10} {'sentences':>9} {'intent accuracy':>16} {'emergency recall':>17}")
    for locale in ASSISTANT_LOCALES:
        examples = held_out(locale)
        total = right = emergencies = caught = 0
        for intent, texts in examples.items():
            for text in texts:
                predicted = bot.parse(text)["intent"]["name"]
                total += 1
                right += predicted == intent
                if intent == "emergency":
                    emergencies += 1
                    caught += predicted == "emergency"
        print(f"{locale:10} {total:9d} {right / total:15.1%} {caught / emergencies:16.1%} "
              f"({caught}/{emergencies})")


def latency(site_url: str) -> None:
    sentences = [(loc, t) for loc in ASSISTANT_LOCALES for texts in held_out(loc).values() for t in texts]
    session = requests.Session()
    timings, modes, conversation = [], {}, None
    for i in range(REQUESTS):
        locale, text = sentences[i % len(sentences)]
        if i % 5 == 0:
            conversation = None
        started = time.perf_counter()
        response = session.post(f"{site_url}/api/chat", json={"message": text, "locale": locale,
                                                              "conversation": conversation}, timeout=30)
        timings.append((time.perf_counter() - started) * 1000)
        body = response.json()
        conversation = body["conversation"]
        modes[body["mode"]] = modes.get(body["mode"], 0) + 1
    quantiles = statistics.quantiles(timings, n=100)
    print(f"/api/chat over {REQUESTS} requests: p50 {quantiles[49]:.0f} ms, p95 {quantiles[94]:.0f} ms "
          f"(answered by: {modes})")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = site_with_content(folder)         # serves the directory to the action server too
        bot = BotServers(site.url)
        site.app.config.update(RASA_URL=bot.url, RASA_TIMEOUT=10.0)
        try:
            accuracy(bot)
            latency(site.url)
        finally:
            bot.close()
            site.stop()


if __name__ == "__main__":
    main()
