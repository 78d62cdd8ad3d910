"""deploy/nginx.conf, run for real (Debian's nginx) in front of the site's production web pool
(gunicorn with deploy/gunicorn.conf.py): static files from disk with a year's immutable caching,
public pages cached by the proxy yet every view counted once, /api and /admin passed through
uncached, and logs — nginx's and the site's — without the reader's address or user agent."""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import time

import pytest
import requests

from sqlalchemy import select

from rightcall import create_app
from rightcall.config import REPO_ROOT
from rightcall.extensions import db
from rightcall.models.usage import UsageEvent

from faults.private_services import free_port
from helpers import NO_RASA

sys.path.insert(0, str(REPO_ROOT / "bench"))
from production import PHONE, Gunicorn  # noqa: E402 — the benchmarks' runner of the production web pool

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def proxied(database_url, tmp_path):
    if not os.path.exists(NGINX):
        pytest.fail("nginx is missing: run 'make test' (it installs Debian's nginx)")
    site = Gunicorn("rightcall:create_app()", workers=2, env={
        "DATABASE_URL": database_url, "REDIS_URL": "redis://127.0.0.1:6379/13",
        "RASA_URL": NO_RASA["RASA_URL"], "USAGE_FLUSH_SECONDS": "0.2",
        "PROXY_COUNT": "1", "CHAT_RATE_LIMIT": "3 per minute"})
    http_port, https_port = free_port(), free_port()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True)
    (tmp_path / "cache").mkdir()
    config = (REPO_ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in [("/var/cache/nginx/rightcall", str(tmp_path / "cache")),
                     ("/var/log/nginx/rightcall.access.log", str(tmp_path / "access.log")),
                     ("/etc/ssl/rightcall/fullchain.pem", str(tmp_path / "cert.pem")),
                     ("/etc/ssl/rightcall/privkey.pem", str(tmp_path / "key.pem")),
                     ("/srv/rightcall/", f"{REPO_ROOT}/"), ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl"),
                     ("127.0.0.1:8000", f"127.0.0.1:{site.port}"),
                     ("127.0.0.1:8001", f"127.0.0.1:{site.port}")]:
        assert old in config, old
        config = config.replace(old, new)
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}daemon off;\nmaster_process on;\nworker_processes 1;\npid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\nevents {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n"
        f"  client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"  fastcgi_temp_path {tmp_path}/fcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;\n"
        f"{config}\n}}\n")
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"https://127.0.0.1:{https_port}"
    for _ in range(50):
        try:
            requests.get(base + "/healthz", verify=False, timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield base, http_port, tmp_path, site, database_url
    server.terminate()
    server.wait(timeout=10)
    site.stop()


def page_views(database_url: str, page: str) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **NO_RASA})
    with app.app_context():
        count = len(db.session.scalars(select(UsageEvent.id).where(
            UsageEvent.kind == "pageview", UsageEvent.page == page)).all())
        db.engine.dispose()
    return count


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_the_proxy_caches_pages_serves_static_files_and_passes_the_rest(proxied):
    base, http_port, folder, site, database_url = proxied
    get = lambda path, **kw: requests.get(base + path, verify=False, timeout=5, allow_redirects=False, **kw)  # noqa: E731
    redirect = requests.get(f"http://127.0.0.1:{http_port}/en/", timeout=5, allow_redirects=False)
    assert redirect.status_code == 301 and redirect.headers["Location"].startswith("https://")

    static = get("/static/css/site.css")
    assert static.status_code == 200 and "immutable" in static.headers["Cache-Control"]
    assert "max-age=31536000" in static.headers["Cache-Control"]

    first, second = get("/en/about", headers={"User-Agent": PHONE}), get("/en/about", headers={"User-Agent": PHONE})
    assert first.status_code == second.status_code == 200 and first.text == second.text
    assert (first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert "Content-Security-Policy" in second.headers                  # the site's headers survive the cache

    for path in ("/api/services", "/admin/login", "/"):
        response = get(path, headers={"Accept-Language": "fr"})
        assert response.headers.get("X-Cache-Status") is None, path   # never cached
        assert response.status_code in (200, 302), path
    # "/" picks the language per reader: a French reader then a Spanish one, each sent to their own.
    assert get("/", headers={"Accept-Language": "fr"}).headers["Location"].endswith("/fr/")
    assert get("/", headers={"Accept-Language": "es"}).headers["Location"].endswith("/es/")

    chat = requests.post(base + "/api/chat", json={"message": "there is a fire", "locale": "en", "conversation": None},
                         verify=False, timeout=10)
    assert chat.status_code == 200 and chat.json()["route"] == "emergency-911"

    log = (folder / "access.log").read_text()
    assert "GET /en/about" in log and "127.0.0.1" not in log and "python-requests" not in log and "Pixel" not in log

    # Both views are counted, the one nginx answered from its cache too, and neither twice.
    deadline = time.monotonic() + 10
    while page_views(database_url, "about") < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)                                  # room for a wrong third one to arrive
    assert page_views(database_url, "about") == 2

    # The site's own log: one JSON line per request, with route, status and duration, nothing
    # about the reader (nginx passes no address; the user agent must not be logged either).
    site.stop()
    lines = [json.loads(line) for line in open(site.log.name, encoding="utf-8") if line.startswith("{")]
    about = [line for line in lines if line.get("path") == "/en/about"]
    assert len(about) == 3          # the cache's fill and the two mirrored views; the HIT never reached it
    assert {line["route"] for line in about} == {"/<lang:locale>/<slug:page_id>"}
    assert all(line["status"] == 200 and isinstance(line["duration_ms"], float) for line in about)
    text = open(site.log.name, encoding="utf-8").read()
    assert "python-requests" not in text and "Pixel" not in text and "Traceback" not in text


def chat_from(base: str, address: str, forwarded_for: str | None = None) -> int:
    """Post one chat turn to the proxy from the loopback ``address`` (a reader of their own)."""
    host, port = base.removeprefix("https://").split(":")
    connection = http.client.HTTPSConnection(host, int(port), source_address=(address, 0), timeout=10,
                                             context=ssl._create_unverified_context())   # the test made its own certificate
    headers = {"Content-Type": "application/json"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    connection.request("POST", "/api/chat", json.dumps({"message": "/city_service", "locale": "en"}), headers)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_behind_the_proxy_each_reader_has_their_own_limits(proxied):
    """The site allows 3 chat turns a minute per reader here. Behind nginx one reader using
    them up must not stop the next one (they would share the proxy's address), and a reader
    cannot dodge the limit by sending an X-Forwarded-For of their own."""
    base = proxied[0]
    assert [chat_from(base, "127.0.0.2") for _ in range(4)] == [200, 200, 200, 429]
    assert chat_from(base, "127.0.0.2", forwarded_for="203.0.113.9") == 429
    assert chat_from(base, "127.0.0.3") == 200
