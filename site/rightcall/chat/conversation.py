"""One turn of a conversation: validate, ask Rasa (or the fallback), add the service details.

Whatever answers, the site checks the resident's message against the danger signs itself: if
one is found and the answer does not already send them to 9-1-1, "Call 9-1-1 now" is put
first. So the 9-1-1 message never depends on the model, the action server or the network.
"""
from __future__ import annotations

import logging
import re
import secrets
from dataclasses import asdict, dataclass

from flask import current_app

from .. import directory, locales
from ..assistant.replies import EMERGENCY_SERVICE, Answer, Composer
from .assistant_content import catalogue, danger_signs
from . import fallback
from .rasa_client import AssistantUnavailable, RasaClient, make_breaker
from ..usage.recorder import record_chat_turn

log = logging.getLogger(__name__)
MAX_MESSAGE = 500
CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class ChatInputError(ValueError):
    """The request cannot be answered; the message says why, for the resident or developer."""


@dataclass
class Turn:
    conversation: str
    answer: Answer
    mode: str                 # "assistant" (Rasa answered) | "limited" (the site's fallback)

    def to_json(self, locale: str) -> dict:
        views = directory.services(locale)
        return {
            "conversation": self.conversation,
            "replies": self.answer.replies,
            "route": self.answer.route,
            "services": [asdict(views[s]) for s in self.answer.services if s in views],
            "mode": self.mode,
        }


def validate(message, locale, conversation) -> tuple[str, str, str | None]:
    if not isinstance(message, str) or not message.strip():
        raise ChatInputError("Type a message: it cannot be empty.")
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise ChatInputError(f"The message is too long: at most {MAX_MESSAGE} characters.")
    if not isinstance(locale, str) or locale not in locales.BY_TAG:
        raise ChatInputError("Unknown locale: use one of " + ", ".join(locales.TAGS) + ".")
    if conversation is not None and (not isinstance(conversation, str)
                                     or not CONVERSATION_ID.match(conversation)):
        raise ChatInputError("Unknown conversation id: send null to start a new conversation.")
    return message, locale, conversation


def new_conversation_id() -> str:
    """Random, and derived from nothing about the person."""
    return secrets.token_urlsafe(18)


def rasa_client() -> RasaClient:
    ext = current_app.extensions
    if "rightcall.rasa" not in ext:
        config = current_app.config
        breaker = make_breaker(config["RASA_BREAKER_FAILURES"], config["RASA_BREAKER_RESET"],
                               config["REDIS_URL"])
        ext["rightcall.rasa"] = RasaClient(config["RASA_URL"], config["RASA_TIMEOUT"], breaker)
    return ext["rightcall.rasa"]


def take_turn(message, locale, conversation) -> Turn:
    message, locale, conversation = validate(message, locale, conversation)
    first_turn = conversation is None
    conversation = conversation or new_conversation_id()
    try:
        reply = rasa_client().send(conversation, message, locale)
        answer = _answer_from_rasa(reply)
        mode = "assistant"
    except AssistantUnavailable as error:
        log.warning("assistant unavailable (%s): answering in limited mode", error)
        answer = fallback.answer(message, locale, first_turn=first_turn)
        mode = "limited"
    _ensure_911_first(answer, message, locale)
    record_chat_turn(answer, locale, conversation, first_turn)
    return Turn(conversation, answer, mode)


def _answer_from_rasa(reply) -> Answer:
    payload = reply.payload
    route = payload.get("route")
    services = [s for s in payload.get("services") or [] if isinstance(s, str)]
    if route is not None and not isinstance(route, str):
        raise AssistantUnavailable("malformed route")
    return Answer(replies=reply.replies, route=route, services=services,
                  intent=payload.get("intent"), safety=bool(payload.get("safety")),
                  fallback=bool(payload.get("fallback")), confidence=_confidence(payload))


def _confidence(payload: dict) -> float | None:
    value = payload.get("confidence")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _ensure_911_first(answer: Answer, message: str, locale: str) -> None:
    if answer.route == EMERGENCY_SERVICE:
        return
    if danger_signs().find(message, prefer=locale) is None:
        return
    services = {sid: asdict(v) for sid, v in directory.services(locale).items()}
    emergency = Composer(catalogue(), services, locale).emergency(safety=True)
    answer.replies[:0] = emergency.replies
    answer.route = EMERGENCY_SERVICE
    if EMERGENCY_SERVICE in answer.services:
        answer.services.remove(EMERGENCY_SERVICE)
    answer.services.insert(0, EMERGENCY_SERVICE)
    answer.safety = True
