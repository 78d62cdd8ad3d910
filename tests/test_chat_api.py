"""``POST /api/chat`` without Rasa: input checks, limited mode, the site's own 9-1-1 guard."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rightcall.assistant.catalogue import load

from helpers import ASSISTANT_LOCALES, CONTENT
from test_assistant_safety import held_out

CATALOGUE = load(CONTENT)


def chat(client, message, locale="en", conversation=None):
    return client.post("/api/chat", json={"message": message, "locale": locale,
                                          "conversation": conversation})


@pytest.mark.parametrize("body, error", [
    ({"message": "", "locale": "en", "conversation": None}, "empty"),
    ({"message": "   ", "locale": "en", "conversation": None}, "empty"),
    ({"message": "x" * 501, "locale": "en", "conversation": None}, "too long"),
    ({"message": "hello", "locale": "xx", "conversation": None}, "Unknown locale"),
    ({"message": "hello", "locale": "en", "conversation": "../../etc"}, "conversation"),
    ({"message": 42, "locale": "en", "conversation": None}, "empty"),
    ({"message": "hello", "locale": ["en"], "conversation": None}, "Unknown locale"),
    ({"locale": "en"}, "empty"),
    (["hello"], "JSON object"),
])
def test_bad_requests_get_a_400_with_a_clear_message(client, body, error):
    response = client.post("/api/chat", json=body)
    assert response.status_code == 400
    assert error in response.get_json()["error"]


def test_a_body_that_is_not_json_is_a_400(client):
    response = client.post("/api/chat", data="message=hi", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and "JSON" in response.get_json()["error"]
    response = client.post("/api/chat", data=b"{not json", content_type="application/json")
    assert response.status_code == 400


def test_500_characters_is_still_accepted(client):
    assert chat(client, "a" * 500).status_code == 200


@pytest.mark.parametrize("locale", ASSISTANT_LOCALES)
def test_without_rasa_emergencies_still_go_to_911_in_every_language(client, locale):
    for text in held_out(locale)["emergency"]:
        body = chat(client, text, locale).get_json()
        assert body["mode"] == "limited"
        assert body["route"] == "emergency-911", text
        first = body["replies"][0]
        assert first["text"].startswith(CATALOGUE.message(locale, "call_911_now"))
        assert first["buttons"][0]["payload"] == "tel:911"
        assert body["replies"][-1]["text"] == CATALOGUE.message(locale, "limited_mode")


@pytest.mark.parametrize("locale", ASSISTANT_LOCALES)
def test_without_rasa_the_buttons_lead_to_a_service_in_the_pages_language(client, locale):
    body = chat(client, "/city_service", locale).get_json()
    assert body["route"] == "city-311"
    assert body["services"][0]["id"] == "city-311"
    assert body["replies"][0]["text"].splitlines()[0] == body["services"][0]["name"]
    assert CATALOGUE.ready(locale, "city-311") in body["replies"][0]["text"]


def test_without_rasa_free_text_finds_the_closest_everyday_situation(client):
    body = chat(client, "Someone stole my bike yesterday").get_json()
    assert body["route"] == "police-online-report"
    assert chat(client, "The streetlight on my street is out").get_json()["route"] == "city-311"


def test_without_rasa_an_unknown_question_gets_the_safe_answer(client):
    body = chat(client, "what is the capital of Peru").get_json()
    assert body["route"] is None
    assert CATALOGUE.message("en", "if_danger") in body["replies"][0]["text"]
    assert [s["id"] for s in body["services"]] == ["emergency-911", "police-non-emergency",
                                                    "community-211", "crisis-988"]
    offers = [r for r in body["replies"] if [b["payload"] for b in r["buttons"]][:1] == ["/emergency"]]
    assert len(offers) == 1 and body["replies"].index(offers[0]) > 0


def test_conversation_ids_are_random_and_the_notice_comes_once(client):
    first = chat(client, "/city_service").get_json()
    again = chat(client, "/city_service").get_json()
    assert first["conversation"] != again["conversation"] and len(first["conversation"]) >= 16
    notice = CATALOGUE.message("en", "not_monitored")
    assert notice in [r["text"] for r in first["replies"]]
    follow_up = chat(client, "/community_help", conversation=first["conversation"]).get_json()
    assert follow_up["conversation"] == first["conversation"]
    assert notice not in [r["text"] for r in follow_up["replies"]]


def test_the_chat_endpoint_is_rate_limited_per_client(app, client):
    app.config["CHAT_RATE_LIMIT"] = "3 per minute"
    codes = [chat(client, "/city_service").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = chat(client, "/city_service")
    assert "Too many requests" in response.get_json()["error"]


class FakeRasa:
    """A stand-in REST channel that answers what the test says (a (status, body) pair, or a
    function giving one), and counts the calls."""

    def __init__(self, answer):
        self.answer, self.calls = answer, 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                fake.calls += 1
                self.rfile.read(int(self.headers["Content-Length"]))
                status, body = fake.answer() if callable(fake.answer) else fake.answer
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(body).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def fake_rasa(app):
    rasa = FakeRasa((200, []))
    app.config.update(RASA_URL=rasa.url, RASA_BREAKER_FAILURES=2, RASA_BREAKER_RESET=60)
    yield rasa
    rasa.close()


def test_the_site_puts_911_first_even_when_the_bot_answers_otherwise(client, fake_rasa):
    fake_rasa.answer = (200, [
        {"text": "3-1-1 Toronto", "buttons": [{"title": "Call 311", "payload": "tel:311"}]},
        {"custom": {"route": "city-311", "services": ["city-311"], "intent": "city_service"}},
    ])
    body = chat(client, "there is smoke coming from my neighbour's window").get_json()
    assert body["mode"] == "assistant"
    assert body["route"] == "emergency-911"
    assert body["replies"][0]["buttons"][0]["payload"] == "tel:911"
    assert body["replies"][1]["text"] == "3-1-1 Toronto"


def test_an_empty_or_broken_bot_answer_falls_back_and_the_breaker_stops_calling(client, fake_rasa):
    fake_rasa.answer = (200, [])   # what Rasa sends when a custom action raised
    modes = [chat(client, "/city_service").get_json()["mode"] for _ in range(5)]
    assert modes == ["limited"] * 5
    assert fake_rasa.calls == 2    # then the breaker is open: Rasa is not hammered
    fake_rasa.answer = (500, {"error": "boom"})
    assert chat(client, "my kitchen is on fire").get_json()["route"] == "emergency-911"


def test_residents_turns_are_with_rasa_at_the_same_time_not_one_after_another(app, fake_rasa):
    """Four residents chat at once: all four turns must be at Rasa together (the fake only
    answers once four are waiting), not queued one by one behind the circuit breaker."""
    app.config["RASA_TIMEOUT"] = 5
    waiting = threading.Barrier(4, timeout=3)
    answer = (200, [{"text": "3-1-1 Toronto", "buttons": []},
                    {"custom": {"route": "city-311", "services": ["city-311"], "intent": "city_service"}}])

    def all_together():
        try:
            waiting.wait()
        except threading.BrokenBarrierError:
            return 500, {"error": "the turns came one by one"}
        return answer

    fake_rasa.answer = all_together
    modes = [None] * 4

    def resident(number):
        modes[number] = chat(app.test_client(), "/city_service").get_json()["mode"]

    residents = [threading.Thread(target=resident, args=(n,)) for n in range(4)]
    for thread in residents:
        thread.start()
    for thread in residents:
        thread.join()
    assert modes == ["assistant"] * 4


def test_turns_go_to_each_rasa_replica_in_turn_and_a_stopped_one_is_skipped(client, app, fake_rasa):
    answer = (200, [{"text": "3-1-1 Toronto", "buttons": []},
                    {"custom": {"route": "city-311", "services": ["city-311"], "intent": "city_service"}}])
    fake_rasa.answer = answer
    second = FakeRasa(answer)
    try:
        app.config["RASA_URL"] = f"{fake_rasa.url}, {second.url}"
        app.extensions.pop("rightcall.rasa", None)             # the client is made from the setting
        modes = [chat(client, "/city_service").get_json()["mode"] for _ in range(4)]
        assert modes == ["assistant"] * 4 and (fake_rasa.calls, second.calls) == (2, 2)
    finally:
        second.close()
    app.extensions.pop("rightcall.rasa")
    app.config["RASA_URL"] = f"http://127.0.0.1:9,{fake_rasa.url}"     # the first replica is down
    modes = [chat(client, "/city_service").get_json()["mode"] for _ in range(4)]
    assert modes == ["assistant"] * 4 and fake_rasa.calls == 6
