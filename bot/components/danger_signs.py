"""The safety layer inside Rasa's NLU pipeline: a sign of danger makes the intent ``emergency``.

It runs after the classifier and the ``FallbackClassifier``, and looks only at the words (the
per-language patterns in ``content/assistant/danger-signs/``), never at the model's
confidence: "my kitchen is on fire" is an emergency however sure or unsure DIET was. The
matched category is added as a ``danger_sign`` entity so the actions and the site can tell the
safety layer decided.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rightcall.assistant.catalogue import load
from rightcall.assistant.danger import DangerSigns

EMERGENCY = {"name": "emergency", "confidence": 1.0}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DangerSignDetector(GraphComponent):
    """Override the intent with ``emergency`` whenever a danger pattern matches."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, signs: DangerSigns) -> None:
        self.signs = signs

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DangerSignDetector":
        return cls(DangerSigns(load().danger_signs))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            sign = self.signs.find(text)
            if sign is None:
                continue
            message.set(INTENT, dict(EMERGENCY), add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "emergency"]
            message.set(INTENT_RANKING_KEY, [dict(EMERGENCY)] + ranking, add_to_output=True)
            entities = list(message.get(ENTITIES) or [])
            entities.append({"entity": "danger_sign", "value": sign.category, "start": 0,
                             "end": len(text), "extractor": "DangerSignDetector"})
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
