"""What the production benchmarks share: a fresh PostgreSQL database, the site under gunicorn
with deploy/gunicorn.conf.py (as `make serve` runs it), and wrk's figures."""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def postgres_database():
    """A new database on TEST_DATABASE_URL's server, migrated and with content/ imported; dropped after."""
    server = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    admin_url = make_url(server.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"rightcall_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        env = {**os.environ, "DATABASE_URL": url, "FLASK_APP": "rightcall"}
        for command in (["db", "upgrade"], ["content", "import"]):
            subprocess.run([str(VENV_BIN / "flask"), *command], env=env, check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Gunicorn:
    """``app`` (a gunicorn app spec) under deploy/gunicorn.conf.py on a free loopback port."""

    def __init__(self, app: str, env: dict | None = None, workers: int | None = None, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile("w+", prefix="gunicorn-", suffix=".log", delete=False)
        settings = {"RIGHTCALL_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(32), "WEB_PORT": str(self.port),
                    "HOST": "127.0.0.1", "PYTHONPATH": str(ROOT / "bench")}
        if workers:
            settings["WEB_WORKERS"] = str(workers)
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), app],
            env={**os.environ, **settings, **(env or {})}, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code in (200, 404):
                    return
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start; log: {self.log.name}")

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn's master and its live workers."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        total = 0
        for pid in [self.process.pid, *map(int, children)]:
            with contextlib.suppress(FileNotFoundError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])            # utime + stime, in clock ticks
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def wrk(url: str, connections: int, seconds: int, threads: int = 2, script: str | None = None,
        timeout: int = 2) -> dict:
    """Run wrk with a phone's User-Agent; requests/s, latency percentiles (ms) and error counts."""
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run 'make bench-production' (it installs Debian's wrk)")
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency",
            "-H", f"User-Agent: {PHONE}"]
    if script:
        args += ["-s", script]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    timeouts = int(errors.group(4)) if errors else 0
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "p50": ms("50%"), "p90": ms("90%"), "p99": ms("99%"),
            "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
            "socket_errors": sum(map(int, errors.groups())) if errors else 0, "timeouts": timeouts, "raw": out}
