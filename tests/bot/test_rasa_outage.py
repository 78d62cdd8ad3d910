"""Rasa is killed in the middle of conversations under load, then started again: ``/api/chat``
never answers with a 5xx, switches to the built-in fallback within one timeout, keeps sending
emergencies to 9-1-1, and goes back to Rasa by itself once Rasa answers again."""
from __future__ import annotations

import itertools
import threading
import time

import pytest
import requests

from rightcall import create_app
from rightcall.extensions import db

from helpers import LiveServer

pytestmark = [pytest.mark.rasa, pytest.mark.faults]
TIMEOUT = 2.0
RESET = 3.0
MESSAGES = [("my bike was stolen from the garage last week", False), ("there is a fire in my building", True),
            ("a pothole on my street", False), ("someone broke in and they are still inside", True),
            ("my neighbours are very loud tonight", False), ("/city_service", False)]


class Residents:
    """Threads that keep chatting, each in its own conversation, and note every answer."""

    def __init__(self, url: str, count: int = 4):
        self.url, self.answers, self.running = url, [], True
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._chat, args=(i,), daemon=True) for i in range(count)]
        for thread in self.threads:
            thread.start()

    def _chat(self, index: int) -> None:
        conversation, session = None, requests.Session()
        for message, emergency in itertools.cycle(MESSAGES[index:] + MESSAGES[:index]):
            if not self.running:
                return
            started = time.monotonic()
            response = session.post(self.url + "/api/chat", timeout=30,
                                    json={"message": message, "locale": "en", "conversation": conversation})
            body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
            conversation = body.get("conversation", conversation)
            with self.lock:
                self.answers.append({"at": started, "took": time.monotonic() - started, "status": response.status_code,
                                     "mode": body.get("mode"), "route": body.get("route"), "emergency": emergency})
            time.sleep(0.05)

    def since(self, moment: float) -> list[dict]:
        with self.lock:
            return [a for a in self.answers if a["at"] >= moment]

    def wait_for(self, moment: float, condition, timeout: float) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answers = self.since(moment)
            if condition(answers):
                return answers
            time.sleep(0.2)
        return self.since(moment)

    def stop(self) -> None:
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)


@pytest.fixture
def site(assistant, database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RASA_URL": assistant.url, "RASA_TIMEOUT": TIMEOUT,
                      "RASA_BREAKER_FAILURES": 3, "RASA_BREAKER_RESET": RESET,
                      "CHAT_RATE_LIMIT": "100000 per minute", "USAGE_FLUSH_SECONDS": 0})
    server = LiveServer(app)
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


def test_killing_rasa_mid_conversation_never_fails_a_resident(assistant, site):
    if assistant.rasa.poll() is not None:
        assistant.start_rasa()
    residents = Residents(site.url)
    try:
        start = time.monotonic()
        before = residents.wait_for(start, lambda a: sum(x["mode"] == "assistant" for x in a) >= 12, 60)
        assert sum(a["mode"] == "assistant" for a in before) >= 12, before[-5:]

        killed = time.monotonic()
        assistant.kill_rasa()
        during = residents.wait_for(killed, lambda a: len(a) >= 40, 60)
        assert sum(a["mode"] == "limited" for a in during) >= 30

        restarted = time.monotonic()
        assistant.start_rasa()                      # loading the model takes a while: load goes on
        answering = time.monotonic()
        after = residents.wait_for(answering, lambda a: sum(x["mode"] == "assistant" for x in a) >= 8,
                                   RESET + 30)
    finally:
        residents.stop()
    everything = residents.answers
    assert {a["status"] for a in everything} == {200}                     # never a 5xx (nor anything else)
    assert all(a["route"] == "emergency-911" for a in everything if a["emergency"])
    outage = [a for a in everything if killed <= a["at"] < answering]
    assert outage and max(a["took"] for a in outage) < TIMEOUT + 1.0      # the fallback within one timeout
    assert sum(a["mode"] == "assistant" for a in after) >= 8              # back to Rasa by itself
    print(f"\nrasa outage: {len(before)} answers before, {len(outage)} during kill+restart "
          f"({restarted - killed:.1f} s down, {answering - restarted:.1f} s to restart), "
          f"slowest during the outage {max(a['took'] for a in outage) * 1000:.0f} ms")
