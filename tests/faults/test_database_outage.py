"""PostgreSQL stops for a while under load (a maintenance window): cached public pages keep
being served with no 5xx; usage events wait in the bounded buffer and are written when the
database is back — none lost below the bound, the overflow counted and reported; an editor's
save during the outage is refused with a clear message and what they typed is still in the
form, ready to be sent again."""
from __future__ import annotations

import itertools
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from flask_migrate import upgrade
from sqlalchemy import func, select

from rightcall import create_app
from rightcall.config import _normalise_db_url
from rightcall.content.importer import import_all
from rightcall.extensions import db
from rightcall.models import PageRevision, UsageEvent
from rightcall.usage.recorder import EXTENSION

from helpers import CONTENT, NO_RASA, LiveServer, make_account
from private_services import PrivatePostgres
from workspace_helpers import form_values

PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"}
PAGES = ["/en/", "/fr/", "/en/which-number", "/fr/police-non-emergency", "/ar/crisis-support", "/zh-Hans/card"]
BUFFER = 150
PASSWORD = "a long enough passphrase"


@pytest.fixture
def site():
    postgres = PrivatePostgres()
    url = _normalise_db_url(postgres.url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, **NO_RASA, "USAGE_FLUSH_SECONDS": 0.2,
                      "USAGE_BUFFER_LIMIT": BUFFER, "WTF_CSRF_ENABLED": True})
    with app.app_context():
        upgrade()
        import_all(CONTENT)
    make_account(app, "editor@example.org", "editor", PASSWORD)
    server = LiveServer(app)
    yield app, server, postgres
    server.stop()
    with app.app_context():
        db.engine.dispose()
    postgres.close()


def pageviews(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(UsageEvent).where(UsageEvent.kind == "pageview"))
        db.session.remove()
        return count


def wait_written(app, timeout: float = 30) -> dict:
    """Wait until the buffer is empty (everything written); return its counts."""
    events = app.extensions[EXTENSION]
    deadline = time.monotonic() + timeout
    while events.pending and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not events.pending, f"{len(events.pending)} events still waiting"
    return events.stats()


def load(url: str, requests_total: int, workers: int = 4) -> list[int]:
    """``requests_total`` page views from ``workers`` residents at once; their status codes."""
    paths = itertools.cycle(PAGES)
    targets = [url + next(paths) for _ in range(requests_total)]

    def visit(chunk):
        with requests.Session() as session:
            return [session.get(t, headers=PHONE, timeout=10).status_code for t in chunk]

    chunks = [targets[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        return [status for statuses in pool.map(visit, chunks) for status in statuses]


def signed_in_editor(url: str) -> requests.Session:
    session = requests.Session()
    token = form_values(session.get(url + "/admin/login").text)["csrf_token"]
    response = session.post(url + "/admin/login", data={"csrf_token": token, "email": "editor@example.org",
                                                        "password": PASSWORD}, allow_redirects=False)
    assert response.status_code == 302
    return session


def test_pages_usage_and_an_editors_text_survive_a_database_outage(site, caplog):
    app, server, postgres = site
    assert set(load(server.url, len(PAGES) * 2)) == {200}                # the pages are now cached
    wait_written(app)
    baseline = pageviews(app)
    editor = signed_in_editor(server.url)
    form = form_values(editor.get(server.url + "/admin/pages/home/fr").text, "page-editor")
    typed = "Texte tapé pendant la panne : il ne doit pas se perdre.\n"

    # 1. A short outage: fewer page views than the buffer holds — every one is written later.
    postgres.stop()
    statuses = load(server.url, 100)
    assert statuses == [200] * 100                                        # no 5xx for cached pages
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
    ready = requests.get(server.url + "/readyz", timeout=5)
    assert ready.status_code == 503 and ready.json()["status"] == "down"
    assert ready.json()["usage"]["pending"] >= 100
    refused = editor.post(server.url + "/admin/pages/home/fr", data={**form, "body": typed, "action": "publish"},
                          allow_redirects=False)
    assert refused.status_code == 503
    assert "Not saved: the database is not reachable right now" in refused.text
    kept = form_values(refused.text, "page-editor")
    assert kept["body"] == typed and kept["title"] == form["title"]
    postgres.start()
    stats = wait_written(app)
    assert pageviews(app) == baseline + 100 and stats["dropped"] == 0      # none lost below the bound

    # The refused save, sent again from the page that kept it, goes through.
    again = editor.post(server.url + "/admin/pages/home/fr", data={**kept, "action": "publish"}, allow_redirects=False)
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(PageRevision.body).order_by(PageRevision.id.desc()).limit(1)) == typed
    assert typed.strip().split(" :")[0] in requests.get(server.url + "/fr/", timeout=5).text

    # 2. A long outage: more page views than the buffer holds — the overflow is counted and said.
    assert set(load(server.url, len(PAGES))) == {200}                     # the new French page is cached
    wait_written(app)
    written_before = pageviews(app)
    postgres.stop()
    statuses = load(server.url, BUFFER + 60)
    assert statuses == [200] * (BUFFER + 60)
    overflow = requests.get(server.url + "/readyz", timeout=5).json()["usage"]
    assert overflow["dropped"] == 60 and overflow["pending"] == BUFFER
    assert "usage buffer full" in caplog.text
    postgres.start()
    wait_written(app)
    assert pageviews(app) == written_before + BUFFER                       # written + dropped = every view
