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
import time

STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_encode = json.JSONEncoder(ensure_ascii=False, default=str).encode


class JsonFormatter(logging.Formatter):
    """One JSON object per record; the time in UTC to the millisecond (2026-12-02T03:59:48.954Z)."""

    _second = -1
    _second_text = ""

    def format(self, record: logging.LogRecord) -> str:
        second = int(record.created)
        if second != self._second:          # a busy process logs many lines in the same second
            self._second_text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
            self._second = second
        entry = {"time": f"{self._second_text}.{int(record.msecs):03d}Z", "level": record.levelname.lower(),
                 "logger": record.name, "message": record.getMessage()}
        for key in record.__dict__.keys() - STANDARD:          # the extras
            if not key.startswith("_"):
                entry[key] = record.__dict__[key]
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return _encode(entry)


def configure(log_format: str) -> None:
    """Give the root logger one handler in the chosen format (unless something configured it).

    Request threads only put records on a queue; one background thread formats and writes
    them, so a request never waits for the log stream or for another thread's write.
    """
    root = logging.getLogger()
    if root.handlers:
        return
    # Nothing in these formats shows the caller's file and line, the thread or the process, so
    # they are not gathered for every record (the logging HOWTO, "Optimization").
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    records: queue.SimpleQueue = queue.SimpleQueue()
    handler = _LineBatches(records)
    handler.setFormatter(JsonFormatter() if log_format == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    listener = _Writer(records, handler, respect_handler_level=True)
    listener.start()
    atexit.register(listener.stop)                 # the last lines are written before exit
    root.addHandler(_Enqueue(records))
    root.setLevel(os.environ.get("LOG_LEVEL", "INFO").upper())


class _Writer(logging.handlers.QueueListener):
    """The background writer looks at the queue every ``POLL`` seconds instead of sleeping on
    it, so no request has to wake a thread to log its line."""

    POLL = 0.05

    def dequeue(self, block: bool) -> logging.LogRecord:
        while True:
            try:
                return self.queue.get_nowait()
            except queue.Empty:
                if not block:
                    raise
                time.sleep(self.POLL)


class _Enqueue(logging.handlers.QueueHandler):
    """Hand the record over as it is (extras kept); formatting happens in the writer thread."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record.msg, record.args = record.getMessage(), None     # no references to mutable arguments
        return record


class _LineBatches(logging.StreamHandler):
    """Write lines to stderr in batches — when no more records wait, or every ``BATCH`` lines —
    so a busy process makes one write for many request lines, and a quiet one writes at once."""

    BATCH = 32

    def __init__(self, waiting: queue.SimpleQueue):
        super().__init__()
        self.waiting = waiting
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
            if len(self.lines) >= self.BATCH or self.waiting.empty():
                self.flush()
        except Exception:  # noqa: BLE001 — as logging.StreamHandler: report, never raise
            self.handleError(record)

    def flush(self) -> None:
        """Write the lines gathered so far. logging.shutdown calls this at exit, after the
        writer thread has stopped, so the last lines of a process are not lost."""
        with self.lock:
            if self.lines:
                self.stream.write("\n".join(self.lines) + "\n")
                self.lines.clear()
            super().flush()
