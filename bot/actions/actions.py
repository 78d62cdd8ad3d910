"""``action_answer``: every answer the assistant gives, built in the resident's language.

What to say comes from :mod:`rightcall.assistant` (the same code the site's fallback runs);
the numbers come from the site's live service directory (``RIGHTCALL_SITE_URL``), cached,
with ``content/services.yml`` when the site cannot be reached. The last message of every
answer is a ``custom`` payload telling the site where the resident was sent; it carries no
words of the resident.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from rightcall.assistant.catalogue import DEFAULT_LOCALE, load
from rightcall.assistant.danger import DangerSigns
from rightcall.assistant.directory_source import ServiceDirectory
from rightcall.assistant.replies import Composer
from rightcall.assistant.turn import answer_turn

log = logging.getLogger(__name__)
CATALOGUE = load()
DANGER = DangerSigns(CATALOGUE.danger_signs)
DIRECTORY = ServiceDirectory(os.environ.get("RIGHTCALL_SITE_URL", "http://127.0.0.1:5000"))
KNOWN_LOCALES = set(CATALOGUE.texts)


def conversation_locale(tracker: Tracker) -> str:
    """The page's language: sent by the site as metadata with every message."""
    candidates = [(tracker.latest_message or {}).get("metadata")]
    candidates += [e.get("metadata") for e in reversed(tracker.events) if e.get("event") == "user"]
    candidates.append(tracker.get_slot("session_started_metadata"))
    for metadata in candidates:
        locale = (metadata or {}).get("locale")
        if locale in KNOWN_LOCALES:
            return locale
    return DEFAULT_LOCALE


class ActionAnswer(Action):
    def name(self) -> Text:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        locale = conversation_locale(tracker)
        try:
            return self.answer(dispatcher, tracker, locale)
        except Exception as error:  # noqa: BLE001
            # Never let an error escape: rasa-sdk would put the whole tracker — the resident's
            # words — into its error response, and Rasa would log it. Log the type only.
            log.error("action_answer failed (%s); answering with the 9-1-1 line only",
                      type(error).__name__)
            dispatcher.messages.clear()
            dispatcher.utter_message(text=CATALOGUE.message(locale, "if_danger"),
                                     buttons=[{"title": "9-1-1", "payload": "tel:911"}])
            dispatcher.utter_message(json_message={"route": None, "services": ["emergency-911"],
                                                   "intent": None, "safety": False,
                                                   "fallback": True, "locale": locale})
            return []

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, locale: str):
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        confidence = (message.get("intent") or {}).get("confidence")
        pending = tracker.get_slot("clarifying")
        if pending in CATALOGUE.clarify and intent in ("affirm", "deny"):
            intent = CATALOGUE.clarify[pending]["if_yes" if intent == "affirm" else "if_no"]

        composer = Composer(CATALOGUE, DIRECTORY.get(locale), locale)
        answer = answer_turn(composer, DANGER, message.get("text") or "", intent,
                             first_turn=not tracker.get_slot("disclaimer_shown"))
        flagged = any(e.get("entity") == "danger_sign" for e in message.get("entities") or [])
        answer.safety = answer.safety or flagged

        for reply in answer.replies:
            dispatcher.utter_message(text=reply["text"], buttons=reply["buttons"])
        dispatcher.utter_message(json_message={**answer.to_payload(), "locale": locale,
                                               "confidence": confidence})
        asked = answer.intent if answer.intent in CATALOGUE.clarify else None
        return [SlotSet("disclaimer_shown", True), SlotSet("clarifying", asked)]
