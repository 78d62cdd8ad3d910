"""Unit tests for action_answer and the safety component, in the bot's own virtualenv.

Run by ``scripts/bot.sh check`` (``make test``): a tracker built from a dict, the action run
with a CollectingDispatcher, assertions on what the resident would see.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa_sdk import Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

from actions.actions import ActionAnswer, conversation_locale  # noqa: E402
from components.danger_signs import DangerSignDetector  # noqa: E402
from rightcall.assistant.catalogue import load  # noqa: E402
from rightcall.assistant.danger import DangerSigns  # noqa: E402

CATALOGUE = load()


def tracker(text, intent, locale="en", slots=None, entities=None, confidence=0.95):
    message = {"text": text, "intent": {"name": intent, "confidence": confidence},
               "entities": entities or [], "metadata": {"locale": locale}}
    return Tracker("abcdefghijklmnopqr", slots or {}, message,
                   [{"event": "user", "text": text, "metadata": {"locale": locale}}],
                   False, None, {}, "action_listen")


def run(tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswer().run(dispatcher, tracker_, {}))
    texts = [m for m in dispatcher.messages if m.get("text")]
    payload = [m["custom"] for m in dispatcher.messages if m.get("custom")][0]
    return texts, payload, events


def test_an_emergency_is_call_911_first_in_the_residents_language():
    texts, payload, _ = run(tracker("ma maison brûle", "emergency", "fr"))
    assert texts[0]["text"].startswith(CATALOGUE.message("fr", "call_911_now"))
    assert texts[0]["buttons"][0]["payload"] == "tel:911"
    assert payload["route"] == "emergency-911" and payload["locale"] == "fr"


def test_danger_in_the_words_wins_even_if_the_classifier_said_otherwise():
    texts, payload, _ = run(tracker("there is smoke coming from the roof", "city_service"))
    assert payload["route"] == "emergency-911" and payload["safety"] is True


def test_a_service_answer_names_the_service_with_a_call_button_and_what_to_have_ready():
    texts, payload, _ = run(tracker("pothole on my street", "city_service", "es"))
    assert payload["route"] == "city-311"
    assert "tel:311" in [b["payload"] for b in texts[0]["buttons"]]
    assert CATALOGUE.ready("es", "city-311") in texts[0]["text"]


def test_the_notice_is_said_once_per_conversation():
    notice = CATALOGUE.message("en", "not_monitored")
    texts, _, events = run(tracker("hi", "greet"))
    assert texts[-1]["text"] == notice
    assert {"event": "slot", "timestamp": None, "name": "disclaimer_shown", "value": True} in events
    later, _, _ = run(tracker("hi", "greet", slots={"disclaimer_shown": True}))
    assert notice not in [t["text"] for t in later]


def test_yes_after_the_clarifying_question_goes_to_911_and_no_to_the_non_emergency_line():
    _, asked, events = run(tracker("I need the police", "need_police", slots={"disclaimer_shown": True}))
    assert asked["route"] is None
    assert {"event": "slot", "timestamp": None, "name": "clarifying", "value": "need_police"} in events
    _, yes, _ = run(tracker("yes", "affirm", slots={"clarifying": "need_police", "disclaimer_shown": True}))
    _, no, _ = run(tracker("no", "deny", slots={"clarifying": "need_police", "disclaimer_shown": True}))
    assert yes["route"] == "emergency-911" and no["route"] == "police-non-emergency"


def test_low_confidence_gets_the_safe_answer():
    texts, payload, _ = run(tracker("blorp", "nlu_fallback"))
    assert payload["fallback"] and payload["route"] is None
    assert texts[0]["buttons"][0]["payload"] == "tel:911"


def test_the_locale_comes_from_the_sites_metadata_and_unknown_ones_are_english():
    assert conversation_locale(tracker("x", "greet", "pt")) == "pt"
    assert conversation_locale(tracker("x", "greet", "xx")) == "en"


@pytest.mark.parametrize("text", ["my kitchen is on fire", "il ne respire plus", "tiene una pistola"])
def test_the_nlu_component_overrides_the_intent_and_flags_the_danger(text):
    detector = DangerSignDetector(DangerSigns(CATALOGUE.danger_signs))
    message = Message(data={"text": text, "intent": {"name": "greet", "confidence": 0.99},
                            "intent_ranking": [{"name": "greet", "confidence": 0.99}]})
    detector.process([message])
    assert message.get("intent") == {"name": "emergency", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "emergency"
    assert message.get("entities")[0]["entity"] == "danger_sign"


def test_the_nlu_component_leaves_calm_messages_alone():
    detector = DangerSignDetector(DangerSigns(CATALOGUE.danger_signs))
    message = Message(data={"text": "my bike was stolen yesterday",
                            "intent": {"name": "report_online", "confidence": 0.4}})
    detector.process([message])
    assert message.get("intent")["name"] == "report_online"


def test_an_error_inside_the_action_still_answers_with_911_and_leaks_nothing(monkeypatch, caplog):
    import actions.actions as module

    monkeypatch.setattr(module, "answer_turn", lambda *a, **k: 1 / 0)
    texts, payload, _ = run(tracker("secret words about my life", "greet"))
    assert [t["text"] for t in texts] == [CATALOGUE.message("en", "if_danger")]
    assert texts[0]["buttons"] == [{"title": "9-1-1", "payload": "tel:911"}]
    assert payload["fallback"] is True
    assert "secret words" not in caplog.text
