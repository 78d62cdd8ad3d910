"""The assistant's limited mode: the site answers by itself when Rasa is slow or away.

Three steps, none of which needs a model:
1. the danger signs (the same patterns Rasa's safety layer uses) → "Call 9-1-1 now";
2. a button's payload (``/intent``) → the same routes as the bot (``routes.yml``);
3. free text → the closest everyday situation of the "Which number?" guide
   (``scenarios.yml``), by shared character trigrams with its wording in the page's language
   and in English; below a threshold, the safe answer and the buttons, which lead on from there.
"""
from __future__ import annotations

import re
from dataclasses import asdict

from .. import directory
from ..assistant.catalogue import DEFAULT_LOCALE
from ..assistant.danger import normalise
from ..assistant.replies import EMERGENCY, EMERGENCY_SERVICE, Answer, Composer
from ..assistant.turn import answer_turn
from .assistant_content import catalogue, danger_signs

PAYLOAD = re.compile(r"^/([a-z_]{2,40})$")
MATCH_THRESHOLD = 0.34


def payload_intent(message: str) -> str | None:
    match = PAYLOAD.match(message.strip())
    return match.group(1) if match else None


PUNCTUATION = re.compile(r"[^\w\s]")


def _trigrams(text: str) -> set[str]:
    plain = "  " + normalise(PUNCTUATION.sub(" ", text)) + "  "
    return {plain[i:i + 3] for i in range(len(plain) - 2)}


def closest_scenario(message: str, locale: str):
    """The scenario whose wording best matches ``message`` (Dice coefficient), or None."""
    words = _trigrams(message)
    best, best_score = None, 0.0
    for tag in dict.fromkeys((locale, DEFAULT_LOCALE)):
        services = directory.services(tag)
        for scenario in directory.scenarios(tag, services).values():
            grams = _trigrams(scenario.situation)
            score = 2 * len(words & grams) / (len(words) + len(grams) or 1)
            if score > best_score:
                best, best_score = scenario, score
    return best if best_score >= MATCH_THRESHOLD else None


def answer(message: str, locale: str, *, first_turn: bool) -> Answer:
    services = {sid: asdict(view) for sid, view in directory.services(locale).items()}
    composer = Composer(catalogue(), services, locale)
    intent = payload_intent(message)
    if intent is not None and intent not in catalogue().intents and intent not in catalogue().clarify \
            and intent != EMERGENCY:
        intent = None
    text = "" if intent else message
    scenario = None if intent else closest_scenario(message, locale)
    if scenario is not None and danger_signs().find(message, prefer=locale) is None:
        if scenario.service.id == EMERGENCY_SERVICE:
            result = composer.emergency(safety=False)
        else:
            result = Answer(route=scenario.service.id, intent=f"scenario:{scenario.id}")
            composer.service_card(result, scenario.service.id)
        if first_turn:
            composer.add_disclaimer(result)
    else:
        result = answer_turn(composer, danger_signs(), text, intent, first_turn=first_turn)
    return composer.add_limited_mode(result)
