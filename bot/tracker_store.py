"""An in-memory tracker store that forgets a conversation after a period of silence.

Rasa's own ``InMemoryTrackerStore`` keeps every conversation — the resident's words — until
the process restarts. This one drops a conversation ``ttl_seconds`` after its last save and
sweeps old ones on every save, so nothing a resident typed outlives the conversation by long.
"""
from __future__ import annotations

import time
from typing import Any, Dict, Iterable, Optional, Text

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    def __init__(self, domain: Domain, event_broker=None, host: Optional[Text] = None,
                 ttl_seconds: float = 1800, **kwargs: Dict[Text, Any]) -> None:
        super().__init__(domain, event_broker, **kwargs)
        self.ttl_seconds = float(ttl_seconds)
        self.last_seen: Dict[Text, float] = {}

    def _sweep(self) -> None:
        limit = time.monotonic() - self.ttl_seconds
        for sender_id in [s for s, seen in self.last_seen.items() if seen < limit]:
            self.store.pop(sender_id, None)
            self.last_seen.pop(sender_id, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._sweep()
        await super().save(tracker)
        self.last_seen[tracker.sender_id] = time.monotonic()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._sweep()
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._sweep()
        return await super().retrieve_full_tracker(sender_id)

    async def keys(self) -> Iterable[Text]:
        self._sweep()
        return await super().keys()
