"""Build the assistant's answers: what it says, which buttons it offers, where it routes.

Services are plain dicts shaped like ``GET /api/services`` items (``id``, ``name``,
``summary``, ``contacts`` with ``kind``/``display``/``href``), so the action server can use
the site's JSON and the site can use its own directory.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue import Catalogue

EMERGENCY = "emergency"
EMERGENCY_SERVICE = "emergency-911"
MAX_CONTACT_BUTTONS = 2


@dataclass
class Answer:
    """Everything one turn sends back: replies in order, and facts for the site to count."""

    replies: list[dict] = field(default_factory=list)   # [{text, buttons: [{title, payload}]}]
    route: str | None = None       # the one service the answer sends the resident to
    services: list[str] = field(default_factory=list)   # every service named, route first
    intent: str | None = None
    safety: bool = False           # the danger layer decided, not the classifier
    fallback: bool = False         # "I am not sure I understood"
    confidence: float | None = None   # the classifier's, when Rasa answered

    def say(self, text: str, buttons: list[dict] | None = None) -> None:
        self.replies.append({"text": text, "buttons": buttons or []})

    def name(self, service_id: str) -> None:
        if service_id not in self.services:
            self.services.append(service_id)

    def to_payload(self) -> dict:
        """What the Rasa action sends as its ``custom`` message, minus the replies."""
        return {"route": self.route, "services": self.services, "intent": self.intent,
                "safety": self.safety, "fallback": self.fallback}


class Composer:
    """Answers in one locale, from the catalogue and a ``{service id: service dict}`` map."""

    def __init__(self, catalogue: Catalogue, services: dict, locale: str):
        self.cat = catalogue
        self.services = services
        self.locale = locale

    def msg(self, key: str, **values) -> str:
        return self.cat.message(self.locale, key, **values)

    # -- building blocks ------------------------------------------------------------------
    def contact_buttons(self, service_id: str) -> list[dict]:
        service = self.services.get(service_id)
        if not service:
            return []
        buttons = []
        for contact in service.get("contacts", ()):
            kind = contact.get("kind")
            if kind == "phone":
                title = self.msg("call", number=contact["display"])
            elif kind == "sms":
                title = self.msg("text", number=contact["display"])
            elif kind == "web":
                title = self.msg("open", name=service["name"])
            else:
                continue
            buttons.append({"title": title, "payload": contact["href"]})
            if len(buttons) == MAX_CONTACT_BUTTONS:
                break
        return buttons

    def call_911_button(self) -> list[dict]:
        return self.contact_buttons(EMERGENCY_SERVICE)[:1] or [
            {"title": self.msg("call", number="9-1-1"), "payload": "tel:911"}]

    def quick_reply_buttons(self) -> list[dict]:
        return [{"title": self.cat.quick_reply(self.locale, intent), "payload": f"/{intent}"}
                for intent in self.cat.quick_replies]

    def service_card(self, answer: Answer, service_id: str) -> None:
        """Name, one line on why, what to have ready, and the tap-to-call buttons."""
        service = self.services.get(service_id)
        if not service:
            return
        lines = [service["name"], service.get("summary", "")]
        ready = self.cat.ready(self.locale, service_id)
        if ready:
            lines.append(f"{self.msg('have_ready')} {ready}")
        answer.say("\n".join(line for line in lines if line), self.contact_buttons(service_id))
        answer.name(service_id)

    def short_line(self, answer: Answer, service_id: str) -> None:
        """A service in one line, for "you can also contact" lists."""
        service = self.services.get(service_id)
        if not service:
            return
        answer.say(f"{service['name']}: {service.get('summary', '')}".rstrip(": "),
                   self.contact_buttons(service_id)[:1])
        answer.name(service_id)

    # -- whole answers --------------------------------------------------------------------
    def emergency(self, safety: bool) -> Answer:
        answer = Answer(route=EMERGENCY_SERVICE, intent=EMERGENCY, safety=safety)
        answer.say(f"{self.msg('call_911_now')} {self.msg('call_911_why')}", self.call_911_button())
        answer.name(EMERGENCY_SERVICE)
        return answer

    def for_intent(self, intent: str) -> Answer:
        """The answer ``routes.yml`` gives for ``intent`` (the safe answer if it has none)."""
        if intent == EMERGENCY:
            return self.emergency(safety=False)
        if intent in self.cat.clarify:
            return self.clarify(intent)
        route = self.cat.intents.get(intent)
        if route is None:
            return self.safe_answer(intent)
        answer = Answer(route=route.get("service"), intent=intent)
        if route.get("say"):
            key = route["say"]
            buttons = self.call_911_button() if key.endswith("_911") else []
            if key in ("how_can_i_help",):
                buttons = self.quick_reply_buttons()
            answer.say(self.msg(key), buttons)
        if route.get("service"):
            self.service_card(answer, route["service"])
        also = [s for s in route.get("also", ()) if s in self.services]
        if also:
            answer.say(self.msg("also"))
            for service_id in also:
                self.short_line(answer, service_id)
        return answer

    def clarify(self, intent: str) -> Answer:
        """One question, when a situation is truly ambiguous; the buttons answer it."""
        choices = self.cat.clarify[intent]
        answer = Answer(intent=intent)
        answer.say(self.msg("clarify_danger"), [
            {"title": self.msg("clarify_yes"), "payload": f"/{choices['if_yes']}"},
            {"title": self.msg("clarify_no"), "payload": f"/{choices['if_no']}"},
        ])
        return answer

    def safe_answer(self, intent: str | None = None) -> Answer:
        """Not understood: 9-1-1 if in danger, then the safe lines, then the quick replies."""
        answer = Answer(intent=intent, fallback=True)
        answer.say(f"{self.msg('not_sure')} {self.msg('if_danger')}", self.call_911_button())
        answer.name(EMERGENCY_SERVICE)
        answer.say(self.msg("otherwise"))
        for service_id in self.cat.safe_answer:
            self.short_line(answer, service_id)
        answer.say(self.msg("pick"), self.quick_reply_buttons())
        return answer

    def add_disclaimer(self, answer: Answer) -> Answer:
        """Once per conversation: a machine, not monitored, cannot send help (after the answer)."""
        answer.say(self.msg("not_monitored"))
        return answer

    def add_limited_mode(self, answer: Answer) -> Answer:
        """The site's own fallback says so, after the answer (9-1-1 stays first)."""
        answer.say(self.msg("limited_mode"))
        return answer
