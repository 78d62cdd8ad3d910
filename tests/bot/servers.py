"""Start the real Rasa server and action server on free loopback ports, and stop them.

Used by the real-Rasa tests (``tests/bot/conftest.py``) and by ``bench/bot_eval.py``.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
BOT = REPO_ROOT / "bot"


class BotUnavailable(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BotServers:
    def __init__(self, site_url: str, start_timeout: float = 180, env: dict | None = None):
        """``env`` adds to the environment of both servers (e.g. ``RASA_ENDPOINTS``)."""
        if not (BOT / "models" / "current.tar.gz").exists():
            raise BotUnavailable("bot/models/current.tar.gz is missing: run 'make bot' or 'make test'.")
        self.token = secrets.token_urlsafe(16)
        self.rasa_port, self.actions_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.rasa_port}"
        self.env = {**os.environ, "RASA_TOKEN": self.token, "RASA_PORT": str(self.rasa_port),
                    "ACTIONS_PORT": str(self.actions_port), "RIGHTCALL_SITE_URL": site_url, **(env or {})}
        (BOT / "results").mkdir(exist_ok=True)
        self.logs = {name: open(BOT / "results" / f"{name}-{self.rasa_port}.log", "w") for name in ("actions", "rasa")}
        self.script = str(REPO_ROOT / "scripts" / "bot.sh")
        self.actions = subprocess.Popen([self.script, "actions"], env=self.env, stdout=self.logs["actions"],
                                        stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self._wait(f"http://127.0.0.1:{self.actions_port}/health", self.actions, self.logs["actions"], start_timeout)
            self.start_rasa(start_timeout)
        except BotUnavailable:
            self.close()
            raise

    def start_rasa(self, timeout: float = 180) -> None:
        """Start (or start again) the Rasa server on the same port; wait until it answers."""
        self.rasa = subprocess.Popen([self.script, "rasa"], env=self.env, stdout=self.logs["rasa"],
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self._wait(f"{self.url}/status?token={self.token}", self.rasa, self.logs["rasa"], timeout)

    def kill_rasa(self) -> None:
        """The Rasa process dies at once (SIGKILL), in the middle of whatever it was doing."""
        os.killpg(self.rasa.pid, signal.SIGKILL)
        self.rasa.wait(timeout=30)

    @staticmethod
    def _wait(url: str, process: subprocess.Popen, log, timeout: float) -> None:
        what = Path(log.name).stem.split("-")[0]      # rasa or actions
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise BotUnavailable(f"{what} exited with {process.returncode}; see {log.name}")
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise BotUnavailable(f"{what} did not answer {url} within {timeout:.0f} s")

    def parse(self, text: str) -> dict:
        response = requests.post(f"{self.url}/model/parse", params={"token": self.token},
                                 json={"text": text}, timeout=10)
        response.raise_for_status()
        return response.json()

    def stop_rasa(self) -> None:
        if self.rasa.poll() is None:
            self.rasa.terminate()
            self.rasa.wait(timeout=30)

    def close(self) -> None:
        for process in (self.rasa, self.actions):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        for log in self.logs.values():
            log.close()
