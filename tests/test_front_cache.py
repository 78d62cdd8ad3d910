"""The front cache answers repeated plain GETs of public pages before Flask runs — with the same
bytes and headers, still counted and logged — and steps aside for anything else."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from rightcall.extensions import db
from rightcall.models import UsageEvent

from test_workspace_pages import FR_HOME, revisions  # noqa: F401
from test_accounts import team  # noqa: F401  (fixture)
from workspace_helpers import client_as, open_and_post

PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"}


@pytest.fixture
def flask_calls(app):
    calls = []
    app.before_request(lambda: calls.append(1) and None)
    return calls


def views(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(UsageEvent).where(UsageEvent.kind == "pageview"))


def test_a_repeated_page_is_answered_before_flask_with_the_same_bytes_counted_and_logged(app, client, flask_calls, caplog):
    caplog.set_level(logging.INFO, logger="rightcall.requests")
    first = client.get("/fr/about", headers=PHONE)
    second = client.get("/fr/about", headers=PHONE)
    assert len(flask_calls) == 1                                   # the second never reached Flask
    assert second.data == first.data and second.status_code == 200
    same = lambda r: {k: v for k, v in r.headers.items() if k not in ("Date", "Vary")}  # noqa: E731
    assert same(second) == same(first)
    assert views(app) == 2
    assert sum(r.getMessage().startswith("GET /fr/about 200") for r in caplog.records) == 2
    again = client.get("/fr/about", headers={**PHONE, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == first.headers["ETag"]
    assert client.head("/fr/about", headers=PHONE).data == b""
    assert len(flask_calls) == 1 and views(app) == 4               # the 304 counts, as Flask's would


def test_a_query_string_or_a_cookie_goes_through_flask(app, client, flask_calls):
    client.get("/en/about", headers=PHONE)
    client.get("/en/about?utm_source=bus", headers=PHONE)        # campaign tags are read by Flask
    client.set_cookie("session", "abc")                           # a signed-in team member
    client.get("/en/about", headers=PHONE)
    assert len(flask_calls) == 3


def test_publishing_shows_at_once_through_the_front_cache(team):
    reader = team.test_client()
    assert "Version publiée" not in reader.get("/fr/").get_data(as_text=True)
    reader.get("/fr/")                                             # now held by the front cache
    open_and_post(client_as(team, "editor"), FR_HOME, "publish", body="Version publiée à l'instant.\n")
    assert "Version publiée à l'instant." in reader.get("/fr/").get_data(as_text=True)
