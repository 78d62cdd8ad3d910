"""Load ``content/assistant/``: routes per intent, the assistant's words, the danger signs."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_LOCALE = "en"
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR") or Path(__file__).resolve().parents[3] / "content")


@dataclass(frozen=True)
class Catalogue:
    intents: dict            # intent → {service?, also?, say?}
    clarify: dict            # ambiguous intent → {yes: intent, no: intent}
    quick_replies: tuple     # intents offered as buttons
    safe_answer: tuple       # services listed when the assistant did not understand
    texts: dict              # locale → {messages, quick_replies, ready}
    danger_signs: dict       # locale → {category: [pattern, ...]}

    def message(self, locale: str, key: str, **values) -> str:
        """The message ``key`` in ``locale`` (English when missing), placeholders filled."""
        return self._text(locale, "messages", key).format(**values)

    def quick_reply(self, locale: str, intent: str) -> str:
        return self._text(locale, "quick_replies", intent)

    def ready(self, locale: str, service_id: str) -> str:
        return self._text(locale, "ready", service_id, missing="")

    def _text(self, locale: str, section: str, key: str, missing: str | None = None) -> str:
        for tag in (locale, DEFAULT_LOCALE):
            value = self.texts.get(tag, {}).get(section, {}).get(key)
            if value:
                return str(value)
        if missing is None:
            raise KeyError(f"content/assistant/texts/en.yml has no {section}.{key}")
        return missing


def _read(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _per_locale(folder: Path) -> dict:
    return {path.stem: _read(path) for path in sorted(folder.glob("*.yml"))}


@lru_cache(maxsize=4)
def load(content_dir: str | os.PathLike | None = None) -> Catalogue:
    """Read the assistant's content once per process (restart to pick up edits)."""
    root = Path(content_dir or CONTENT_DIR) / "assistant"
    routes = _read(root / "routes.yml")
    return Catalogue(
        intents=routes["intents"],
        clarify=routes.get("clarify", {}),
        quick_replies=tuple(routes.get("quick_replies", ())),
        safe_answer=tuple(routes.get("safe_answer", ())),
        texts=_per_locale(root / "texts"),
        danger_signs=_per_locale(root / "danger-signs"),
    )
