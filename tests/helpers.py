"""Small helpers shared by the tests: the site's pages and a parsed HTML document."""
from __future__ import annotations

import contextlib
import os
import threading
from html.parser import HTMLParser
from pathlib import Path

from werkzeug.serving import make_server

from rightcall.config import REPO_ROOT
from rightcall.content.files import page_ids
from rightcall.locales import TAGS

# The content the tests load: the repository's, unless CONTENT_DIR points elsewhere.
CONTENT = Path(os.environ.get("CONTENT_DIR") or REPO_ROOT / "content")

PAGE_IDS = page_ids(CONTENT)

# The assistant speaks every site language: each has training data, held-out tests, its words
# and its danger signs (the tests below fail with a clear message when a file is missing).
ASSISTANT_LOCALES = list(TAGS)


# Unit tests never reach a Rasa server: port 9 (discard) refuses at once, so /api/chat answers
# in limited mode. The tests that start the real Rasa use their own app (tests/bot/).
# Usage events are written at the end of each request (no background thread), so a test sees them.
NO_RASA = {"RASA_URL": "http://127.0.0.1:9", "RASA_TIMEOUT": 0.5, "CHAT_RATE_LIMIT": "1000 per minute",
           "USAGE_FLUSH_SECONDS": 0}


def page_path(page_id: str, locale: str) -> str:
    return f"/{locale}/" if page_id == "home" else f"/{locale}/{page_id}"


ALL_PAGE_PATHS = [(p, loc, page_path(p, loc)) for loc in TAGS for p in PAGE_IDS]


class Document(HTMLParser):
    """Collects the start tags of an HTML page, in order, with their attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find_all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def first(self, tag: str) -> dict:
        return self.find_all(tag)[0]

    def body_tags(self) -> list[tuple[str, dict]]:
        index = next(i for i, (t, _) in enumerate(self.tags) if t == "body")
        return self.tags[index + 1:]


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()


def make_account(app, email: str, role: str, password: str, name: str | None = None,
                 locales: tuple[str, ...] = ()) -> None:
    """A member of the team, with a password set the way the workspace sets it."""
    from rightcall.extensions import db
    from rightcall.models.accounts import User

    with app.app_context():
        user = User(email=email, name=name or role.title(), role=role, locales=list(locales),
                    password_hash="")
        user.set_password(password)
        db.session.add(user)
        db.session.commit()


@contextlib.contextmanager
def workspace_server(database_url: str, accounts: list[tuple], password: str):
    """The site on a live server with team accounts: (email, role, name, languages) each."""
    from rightcall import create_app
    from rightcall.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **NO_RASA})
    for email, role, name, languages in accounts:
        make_account(app, email, role, password, name=name, locales=languages)
    server = LiveServer(app)
    try:
        yield server
    finally:
        server.stop()
        with app.app_context():
            db.engine.dispose()
