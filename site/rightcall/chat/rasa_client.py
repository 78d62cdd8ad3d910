"""Talk to Rasa's REST channel, with a timeout and a circuit breaker.

Rasa is an add-on, not a dependency: any failure (refused, slow, an error status, an empty
answer — what Rasa sends when a custom action raised — or an answer without the action's
routing payload) raises :class:`AssistantUnavailable`, and the caller answers from the
built-in fallback. After ``RASA_BREAKER_FAILURES`` failures in a row the breaker opens and
Rasa is not called at all for ``RASA_BREAKER_RESET`` seconds; then one trial call decides.
With ``REDIS_URL`` set, the breaker's state is shared by every worker process.
``RASA_URL`` may list several Rasa replicas (comma-separated): turns go to them in turn —
safe because in production they share conversations and locks through Redis.
"""
from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass

import pybreaker
import requests

log = logging.getLogger(__name__)


class AssistantUnavailable(Exception):
    """Rasa did not give a usable answer (the reason is in the message, never user text)."""


@dataclass
class RasaReply:
    replies: list[dict]      # [{text, buttons}]
    payload: dict            # the action's custom message: route, services, intent, …


class _LogListener(pybreaker.CircuitBreakerListener):
    def state_change(self, breaker, old, new):
        log.warning("assistant circuit breaker: %s -> %s", getattr(old, "name", old), new.name)


class _Breaker(pybreaker.CircuitBreaker):
    """pybreaker's breaker without its lock around the guarded call.

    ``CircuitBreaker.call`` holds one lock for the whole call (danielfm/pybreaker#55), so each
    worker process asked Rasa one turn at a time and the chat pool's threads queued behind it:
    under 20 residents, p50 219 ms through the site against 114 ms straight to Rasa. Here
    turns run side by side; state changes still take the breaker's lock, the failure count
    is atomic in Redis (per process, a lost increment delays opening by one failure at most),
    and while half-open a few trial calls may go at once instead of one.
    """

    def call(self, func, *args, **kwargs):
        return self.state.call(func, *args, **kwargs)


def make_breaker(failures: int, reset_seconds: float, redis_url: str = "") -> pybreaker.CircuitBreaker:
    storage = None
    if redis_url:
        import redis

        storage = pybreaker.CircuitRedisStorage(
            pybreaker.STATE_CLOSED, redis.Redis.from_url(redis_url, socket_timeout=0.5),
            namespace="rightcall-rasa")
    return _Breaker(fail_max=failures, reset_timeout=reset_seconds, state_storage=storage,
                    listeners=[_LogListener()])


class RasaClient:
    def __init__(self, url: str, timeout: float, breaker: pybreaker.CircuitBreaker):
        self.urls = rasa_urls(url)
        self._webhooks = [f"{u}/webhooks/rest/webhook" for u in self.urls]
        self._turns = itertools.count()
        self.timeout = timeout
        self.breaker = breaker
        self.session = requests.Session()

    def send(self, conversation: str, message: str, locale: str) -> RasaReply:
        try:
            return self.breaker.call(self._send, conversation, message, locale)
        except pybreaker.CircuitBreakerError as error:
            raise AssistantUnavailable("circuit open") from error

    def _send(self, conversation: str, message: str, locale: str) -> RasaReply:
        """Post to the next replica; a replica that refuses the connection is skipped at once
        (the next one is tried), anything else fails the turn."""
        body = {"sender": conversation, "message": message, "metadata": {"locale": locale}}
        start = next(self._turns) % len(self._webhooks)        # itertools.count is thread-safe in CPython
        webhooks = self._webhooks[start:] + self._webhooks[:start]
        for attempt, webhook in enumerate(webhooks, start=1):
            try:
                response = self.session.post(webhook, json=body,
                                             timeout=(min(self.timeout, 1.0), self.timeout))
                response.raise_for_status()
                items = response.json()
            except requests.ConnectionError:
                if attempt < len(webhooks):
                    continue
                raise AssistantUnavailable("ConnectionError") from None
            except (requests.RequestException, ValueError) as error:
                raise AssistantUnavailable(type(error).__name__) from None
            return parse(items)
        raise AssistantUnavailable("no replica")


def rasa_urls(setting: str) -> list[str]:
    """``RASA_URL`` → the replicas' base URLs ("http://a:5005, http://a:5006" → two)."""
    return [u.strip().rstrip("/") for u in setting.split(",") if u.strip()]


def parse(items) -> RasaReply:
    """Rasa's list of bot messages → replies plus the routing payload (required)."""
    if not isinstance(items, list) or not items:
        raise AssistantUnavailable("empty answer")
    replies, payload = [], None
    for item in items:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("custom"), dict):
            payload = item["custom"]
        elif isinstance(item.get("text"), str):
            buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                       for b in item.get("buttons") or [] if isinstance(b, dict)]
            replies.append({"text": item["text"], "buttons": buttons})
    if payload is None or not replies:
        raise AssistantUnavailable("answer without routing payload")
    return RasaReply(replies, payload)
