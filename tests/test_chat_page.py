"""``/<locale>/chat``: the assistant without JavaScript, and the "Ask" link on every page."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect, select

from rightcall.assistant.catalogue import load
from rightcall.extensions import db
from rightcall.locales import TAGS

from helpers import CONTENT, Document

CATALOGUE = load(CONTENT)


def hidden(html: str, name: str) -> str:
    for tag, attrs in Document(html).tags:
        if tag == "input" and attrs.get("name") == name:
            return attrs.get("value") or ""
    raise AssertionError(f"no hidden field {name}")


@pytest.mark.parametrize("locale", TAGS)
def test_every_page_offers_the_assistant_after_the_911_bar(client, locale):
    html = client.get(f"/{locale}/").get_data(as_text=True)
    tags = Document(html).tags
    hrefs = [a.get("href") for t, a in tags if t == "a"]
    assert hrefs[0] == "tel:911"
    assert f"/{locale}/chat" in hrefs


def test_the_chat_page_works_without_javascript(client):
    page = client.get("/fr/chat")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert 'name="message"' in html and "/report_online" in html

    first = client.post("/fr/chat", data={"message": "/city_service", "conversation": "", "transcript": ""})
    html = first.get_data(as_text=True)
    assert first.status_code == 200
    assert CATALOGUE.quick_reply("fr", "city_service") in html      # what the resident chose
    assert 'href="tel:311"' in html                                  # the tap-to-call link
    conversation = hidden(html, "conversation")

    second = client.post("/fr/chat", data={"message": "ma cuisine est en feu", "conversation": conversation,
                                           "transcript": hidden(html, "transcript")})
    html = second.get_data(as_text=True)
    assert "ma cuisine est en feu" in html and 'href="tel:311"' in html   # the whole conversation
    assert html.index("ma cuisine est en feu") < html.rindex('href="tel:911"')
    assert CATALOGUE.message("fr", "call_911_now") in html


def test_an_empty_message_is_a_400_that_keeps_the_conversation(client):
    first = client.post("/en/chat", data={"message": "/city_service"}).get_data(as_text=True)
    response = client.post("/en/chat", data={"message": " ", "conversation": hidden(first, "conversation"),
                                             "transcript": hidden(first, "transcript")})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Type a message" in html and 'href="tel:311"' in html


def test_a_long_message_is_a_400_and_the_text_is_given_back(client):
    response = client.post("/en/chat", data={"message": "word " * 150})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "too long" in html and "word word" in html


def test_a_forged_transcript_is_refused(client):
    response = client.post("/en/chat", data={"message": "hello", "transcript": "eyJmb28iOiJiYXIifQ.forged"})
    assert response.status_code == 400 and "could not be read" in response.get_data(as_text=True)


def test_nothing_typed_in_the_chat_is_stored_or_logged(app, client, caplog):
    marker = "zebra-umbrella-7731 my bike was stolen"
    client.post("/api/chat", json={"message": marker, "locale": "en", "conversation": None})
    client.post("/en/chat", data={"message": marker})
    assert "zebra-umbrella" not in caplog.text
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)).all():
                assert "zebra-umbrella" not in repr(row), table.name
        assert set(inspect(db.engine).get_table_names()) >= {t.name for t in db.metadata.sorted_tables}
    assert not client.get_cookie("session")
