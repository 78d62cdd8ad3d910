"""Health endpoints and structured request logs."""
from __future__ import annotations

import json
import logging
import subprocess
import sys

from rightcall import create_app
from rightcall.config import REPO_ROOT
from rightcall.logging_setup import JsonFormatter

from helpers import NO_RASA


def test_healthz_answers_and_readyz_says_degraded_not_down_when_only_rasa_is_away(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 200
    assert (body["status"], body["database"]) == ("degraded", "ok")
    assert body["assistant"].startswith("away")
    assert set(body["usage"]) == {"pending", "written", "dropped"}
    assert "no-store" in response.headers["Cache-Control"]


def test_readyz_is_503_down_when_the_database_does_not_answer():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:9/none", **NO_RASA})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "down" and response.get_json()["database"] == "unreachable"
    assert app.test_client().get("/healthz").status_code == 200      # the process itself is fine


def test_a_json_request_line_has_route_status_and_duration_and_nothing_about_the_reader(client, caplog):
    caplog.set_level(logging.INFO, logger="rightcall.requests")
    client.get("/fr/which-number?utm_source=secret-query", headers={
        "User-Agent": "Mozilla/5.0 (SecretPhone 12)", "Cookie": "session=secret-cookie"},
        environ_base={"REMOTE_ADDR": "203.0.113.77"})
    record = next(r for r in caplog.records if r.name == "rightcall.requests")
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["route"] == "/<lang:locale>/which-number" and entry["status"] == 200
    assert entry["path"] == "/fr/which-number" and entry["method"] == "GET"
    assert isinstance(entry["duration_ms"], float)
    for secret in ("203.0.113.77", "SecretPhone", "secret-cookie", "secret-query"):
        assert secret not in line


def test_a_process_writes_every_log_line_before_it_exits():
    """The writer thread batches lines; the last ones must still reach the log at exit."""
    code = ("import logging; from rightcall.logging_setup import configure; configure('json'); "
            "[logging.getLogger('rightcall.requests').info('line %d', n, extra={'status': 200}) for n in range(40)]")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert [line["message"] for line in lines] == [f"line {n}" for n in range(40)]
