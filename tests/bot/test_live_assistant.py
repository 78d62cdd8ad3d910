"""``/api/chat`` against the real Rasa and action servers, in every taught language."""
from __future__ import annotations

from pathlib import Path

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


EVERYDAY = ("report_online", "city_service")   # exact routing accuracy: `make bench-bot`


def _reply_text(body) -> str:
    return "\n".join(reply["text"] for reply in body["replies"])


@pytest.mark.parametrize("locale", ASSISTANT_LOCALES)
def test_a_clear_non_emergency_is_not_sent_to_911_and_the_reply_is_in_that_language(rasa_client, locale):
    examples = held_out(locale)
    for text in [t for intent in EVERYDAY for t in examples[intent]]:
        body = chat(rasa_client, text, locale)
        assert body["mode"] == "assistant"
        assert body["route"] != "emergency-911", text
        assert body["replies"][0]["buttons"][:1] != [{"title": "9-1-1", "payload": "tel:911"}], text
        if body["route"]:     # a service, with what to have ready, in the resident's language
            assert CATALOGUE.ready(locale, body["route"]) in _reply_text(body), text
        else:                 # a question or the safe answer, in the resident's language
            words = [m for m in CATALOGUE.texts[locale]["messages"].values() if "{" not in m]
            assert any(m in _reply_text(body) for m in words), text


def test_the_clarifying_question_and_its_answer_keep_the_conversation(rasa_client):
    first = chat(rasa_client, "I need the police", "en")
    assert first["route"] is None
    assert first["replies"][0]["text"] == CATALOGUE.message("en", "clarify_danger")
    answer = chat(rasa_client, "yes", "en", first["conversation"])
    assert answer["conversation"] == first["conversation"]
    assert answer["route"] == "emergency-911"
    assert CATALOGUE.message("en", "not_monitored") not in [r["text"] for r in answer["replies"]]


def test_the_rasa_token_is_on_no_command_line(assistant):
    """Anyone on the machine can list command lines (ps); Rasa's API token must not be there."""
    assert assistant.parse("hello")["intent"]          # the token works: Rasa's API answers with it
    command_lines = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command_lines.append(path.read_bytes())
        except OSError:              # a process that ended while we looked
            pass
    assert any(b"rasa" in line and b"--enable-api" in line for line in command_lines)   # Rasa is among them
    assert not any(assistant.token.encode() in line for line in command_lines)
