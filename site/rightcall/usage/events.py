"""What an event of each kind may carry, and what a browser is allowed to send.

Server-side kinds (``pageview``, ``chat_started``, ``chat_outcome``, and ``quiz_answer`` from
the no-JavaScript quiz) are built by the site itself. Browsers may send only the client kinds
below, through ``POST /api/events``; anything else — an unknown kind, an extra field, a value
that is not a known page, service, scenario or language — is rejected whole with a 400.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

from ..locales import TAGS

Locale = Literal[tuple(TAGS)]  # type: ignore[valid-type]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
MAX_BATCH = 20

# Every kind and the event columns it fills (besides day, kind and locale).
KINDS: dict[str, tuple[str, ...]] = {
    "pageview": ("page", "referrer", "utm_campaign", "utm_source", "utm_medium", "device", "visitor"),
    "call_tap": ("service", "page"),
    "chat_started": (),
    "chat_outcome": ("route", "intent", "confidence", "fallback", "safety", "turn"),
    "quiz_answer": ("scenario", "correct"),
    "language_switch": ("from_locale",),
}


def confidence_band(confidence: float | None) -> str | None:
    """The classifier's confidence as a band; the exact figure is not kept."""
    if confidence is None:
        return None
    return "high" if confidence >= 0.8 else "medium" if confidence >= 0.5 else "low"


class _ClientEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def columns(self) -> dict:
        """The event's columns for :class:`~rightcall.models.usage.UsageEvent`."""
        return self.model_dump()


def _known(kind: str):
    """A slug that must be one of the site's ``kind`` (passed in the validation context)."""
    def check(value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get(kind)
        if known is not None and value not in known:
            raise ValueError(f"unknown {kind[:-1]}")
        return value
    return Annotated[Slug, AfterValidator(check)]


ServiceId, PageId, ScenarioId = _known("services"), _known("pages"), _known("scenarios")


class CallTap(_ClientEvent):
    kind: Literal["call_tap"]
    locale: Locale
    service: ServiceId
    page: PageId


class QuizAnswer(_ClientEvent):
    kind: Literal["quiz_answer"]
    locale: Locale
    scenario: ScenarioId
    correct: bool


class LanguageSwitch(_ClientEvent):
    kind: Literal["language_switch"]
    locale: Locale                                        # the language switched to
    from_locale: Locale = Field(alias="from")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    def columns(self) -> dict:
        return {"kind": self.kind, "locale": self.locale, "from_locale": self.from_locale}


ClientEvent = Annotated[Union[CallTap, QuizAnswer, LanguageSwitch], Field(discriminator="kind")]


class Beacon(BaseModel):
    """What one ``sendBeacon`` may carry: one event, or a small batch of them."""

    model_config = ConfigDict(extra="forbid")
    events: list[ClientEvent] = Field(min_length=1, max_length=MAX_BATCH)
