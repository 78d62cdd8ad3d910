"""Log format: one JSON object per line in production (``LOG_FORMAT=json``), plain text in
development. Fields passed as ``extra=`` (a request's route, status, duration) become JSON keys.
Nothing here adds anything about the person: see request_log.py for what a request line holds."""
from __future__ import annotations

import atexit
import os
import json
import logging
import logging.handlers
import queue
from datetime import datetime, timezone

STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                 "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        entry.update({k: v for k, v in vars(record).items() if k not in STANDARD and not k.startswith("_")})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(log_format: str) -> None:
    """Give the root logger one handler in the chosen format (unless something configured it).

    Request threads only put records on a queue; one background thread formats and writes
    them, so a request never waits for the log stream or for another thread's write.
    """
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    records: queue.SimpleQueue = queue.SimpleQueue()
    listener = logging.handlers.QueueListener(records, handler, respect_handler_level=True)
    listener.start()
    atexit.register(listener.stop)                 # the last lines are written before exit
    root.addHandler(_Enqueue(records))
    root.setLevel(os.environ.get("LOG_LEVEL", "INFO").upper())


class _Enqueue(logging.handlers.QueueHandler):
    """Hand the record over as it is (extras kept); formatting happens in the writer thread."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record.msg, record.args = record.getMessage(), None     # no references to mutable arguments
        return record
