"""``/api/chat`` against the real Rasa and action servers, in every taught language."""
from __future__ import annotations

import pytest

from rightcall.assistant.catalogue import load

from helpers import ASSISTANT_LOCALES, CONTENT
from test_assistant_safety import held_out

CATALOGUE = load(CONTENT)
pytestmark = pytest.mark.rasa


def chat(client, message, locale, conversation=None):
    response = client.post("/api/chat", json={"message": message, "locale": locale,
                                              "conversation": conversation})
    assert response.status_code == 200
    return response.get_json()


@pytest.mark.parametrize("locale", ASSISTANT_LOCALES)
def test_an_emergency_gets_911_in_the_first_reply_in_every_language(rasa_client, locale):
    for text in held_out(locale)["emergency"]:
        body = chat(rasa_client, text, locale)
        assert body["mode"] == "assistant"
        assert body["route"] == "emergency-911", text
        assert body["replies"][0]["text"].startswith(CATALOGUE.message(locale, "call_911_now"))
        assert body["replies"][0]["buttons"][0]["payload"] == "tel:911"


@pytest.mark.parametrize("locale", ASSISTANT_LOCALES)
def test_a_clear_non_emergency_is_not_sent_to_911_and_the_reply_is_in_that_language(rasa_client, locale):
    examples = held_out(locale)
    for intent, service in (("report_online", "police-online-report"), ("city_service", "city-311")):
        body = chat(rasa_client, examples[intent][0], locale)
        assert body["mode"] == "assistant"
        assert body["route"] == service, examples[intent][0]
        named = {s["id"]: s["name"] for s in body["services"]}
        assert body["replies"][0]["text"].splitlines()[0] == named[service]
        assert CATALOGUE.ready(locale, service) in body["replies"][0]["text"]


def test_the_clarifying_question_and_its_answer_keep_the_conversation(rasa_client):
    first = chat(rasa_client, "I need the police", "en")
    assert first["route"] is None
    assert first["replies"][0]["text"] == CATALOGUE.message("en", "clarify_danger")
    answer = chat(rasa_client, "yes", "en", first["conversation"])
    assert answer["conversation"] == first["conversation"]
    assert answer["route"] == "emergency-911"
    assert CATALOGUE.message("en", "not_monitored") not in [r["text"] for r in answer["replies"]]


def test_with_rasa_stopped_the_site_still_answers_and_still_sends_emergencies_to_911(assistant, rasa_client):
    """Last in this module: it stops the shared Rasa server."""
    assistant.stop_rasa()
    body = chat(rasa_client, "my neighbour's house is on fire", "en")
    assert body["mode"] == "limited"
    assert body["route"] == "emergency-911"
    assert body["replies"][0]["buttons"][0]["payload"] == "tel:911"
    assert chat(rasa_client, "/city_service", "fr")["route"] == "city-311"
