"""Usage events as recorded: each kind, what is kept of a request, opt-outs, bots, the ingest
endpoint's schema and limits."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from rightcall.extensions import db
from rightcall.models.usage import UsageEvent

PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/131.0.0.0 Mobile Safari/537.36")
TABLET = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
BROWSER = {"User-Agent": PHONE}


def events(app, **where):
    with app.app_context():
        query = select(UsageEvent).order_by(UsageEvent.id)
        for name, value in where.items():
            query = query.where(getattr(UsageEvent, name) == value)
        return db.session.scalars(query).all()


def beacon(client, body, **headers):
    return client.post("/api/events", json=body, headers={**BROWSER, **headers})


# --- page views (server-side, no JavaScript needed) ----------------------------------------------

def test_a_page_view_is_counted_with_page_language_and_device(app, client):
    assert client.get("/fr/which-number", headers=BROWSER).status_code == 200
    client.get("/ar/", headers={"User-Agent": TABLET})
    client.get("/en/quiz", headers={"User-Agent": DESKTOP})
    views = events(app, kind="pageview")
    assert [(e.page, e.locale, e.device) for e in views] == [
        ("which-number", "fr", "phone"), ("home", "ar", "tablet"), ("quiz", "en", "desktop")]
    assert all(e.visitor and len(e.visitor) == 16 for e in views)


def test_a_cached_page_and_a_revalidation_are_both_counted(app, client):
    first = client.get("/en/about", headers=BROWSER)
    client.get("/en/about", headers={**BROWSER, "If-None-Match": first.headers["ETag"].strip('"')})
    assert len(events(app, kind="pageview", page="about")) == 2


def test_only_the_referring_host_and_plain_campaign_tags_are_kept(app, client):
    client.get("/en/?utm_campaign=Winter-TTC&utm_source=ttc.ca&utm_medium=poster%20<b>&q=secret",
               headers={**BROWSER, "Referer": "https://www.Example.org/some/path?who=me"})
    client.get("/en/about", headers={**BROWSER, "Referer": "http://localhost/en/"})
    home, about = events(app, kind="pageview")
    assert home.referrer == "www.example.org"
    assert (home.utm_campaign, home.utm_source, home.utm_medium) == ("winter-ttc", "ttc.ca", "other")
    assert about.referrer is None      # our own site is not a referrer


@pytest.mark.parametrize("headers", [{"DNT": "1"}, {"Sec-GPC": "1"}])
def test_do_not_track_and_global_privacy_control_are_not_recorded(app, client, headers):
    client.get("/en/", headers={**BROWSER, **headers})
    assert beacon(client, {"kind": "call_tap", "locale": "en", "service": "city-311", "page": "home"},
                  **headers).status_code == 204
    client.post("/api/chat", json={"message": "hello", "locale": "en", "conversation": None},
                headers={**BROWSER, **headers})
    assert events(app) == []


@pytest.mark.parametrize("agent", [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "curl/8.5.0", "python-requests/2.32.3", "",
])
def test_known_bots_and_crawlers_are_not_counted(app, client, agent):
    client.get("/en/", headers={"User-Agent": agent})
    assert events(app) == []


def test_errors_and_posts_are_not_page_views(app, client):
    client.get("/en/no-such-page", headers=BROWSER)
    client.post("/en/quiz", data={"questions": "x"}, headers=BROWSER)
    assert events(app, kind="pageview") == []


def test_the_same_visitor_has_the_same_hash_today_and_another_visitor_another(app, client):
    client.get("/en/", headers=BROWSER, environ_base={"REMOTE_ADDR": "198.51.100.1"})
    client.get("/fr/", headers=BROWSER, environ_base={"REMOTE_ADDR": "198.51.100.1"})
    client.get("/en/", headers=BROWSER, environ_base={"REMOTE_ADDR": "198.51.100.2"})
    a, b, c = (e.visitor for e in events(app, kind="pageview"))
    assert a == b != c


# --- client events through /api/events -----------------------------------------------------------

def test_each_client_event_kind_is_stored(app, client):
    body = {"events": [
        {"kind": "call_tap", "locale": "es", "service": "police-non-emergency", "page": "which-number"},
        {"kind": "quiz_answer", "locale": "ta", "scenario": "bike-stolen-yesterday", "correct": False},
        {"kind": "language_switch", "from": "en", "locale": "pa"},
    ]}
    assert beacon(client, body).status_code == 204
    tap, answer, switch = events(app)
    assert (tap.kind, tap.locale, tap.service, tap.page) == ("call_tap", "es", "police-non-emergency", "which-number")
    assert (answer.kind, answer.scenario, answer.correct) == ("quiz_answer", "bike-stolen-yesterday", False)
    assert (switch.kind, switch.from_locale, switch.locale) == ("language_switch", "en", "pa")


def test_a_beacon_sent_as_plain_text_is_read_too(app, client):
    # navigator.sendBeacon with a string body sends text/plain.
    response = client.post("/api/events", headers=BROWSER,
                           data='{"kind": "call_tap", "locale": "en", "service": "emergency-911", "page": "home"}',
                           content_type="text/plain;charset=UTF-8")
    assert response.status_code == 204
    assert [e.service for e in events(app)] == ["emergency-911"]


@pytest.mark.parametrize("body, says", [
    ({"kind": "pageview", "locale": "en", "page": "home"}, "kind"),
    ({"kind": "call_tap", "locale": "en", "service": "pizza-hotline", "page": "home"}, "unknown service"),
    ({"kind": "call_tap", "locale": "en", "service": "city-311", "page": "nowhere"}, "unknown page"),
    ({"kind": "call_tap", "locale": "xx", "service": "city-311", "page": "home"}, "locale"),
    ({"kind": "call_tap", "locale": "en", "service": "city-311", "page": "home", "ip": "1.2.3.4"}, "ip"),
    ({"kind": "quiz_answer", "locale": "en", "scenario": "bike-stolen-yesterday", "correct": "maybe"}, "correct"),
    ({"kind": "quiz_answer", "locale": "en", "scenario": "no-such-thing", "correct": True}, "unknown scenario"),
    ({"kind": "language_switch", "from": "en"}, "locale"),
    ({"events": []}, "events"),
    ([1, 2, 3], "JSON"),
])
def test_anything_outside_the_schema_is_a_400_that_says_what(app, client, body, says):
    response = beacon(client, body)
    assert response.status_code == 400
    assert says in response.get_json()["error"]
    assert events(app) == []


def test_one_bad_event_rejects_the_whole_beacon(app, client):
    good = {"kind": "call_tap", "locale": "en", "service": "city-311", "page": "home"}
    response = beacon(client, {"events": [good, {**good, "service": "<script>"}]})
    assert response.status_code == 400
    assert events(app) == []


@pytest.mark.parametrize("raw", [b"not json", b"\xff\xfe\x00", b"", b'"a string"', b"null"])
def test_a_body_that_is_not_an_event_is_a_400(app, client, raw):
    response = client.post("/api/events", data=raw, headers=BROWSER, content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.get_json()["error"]


def test_a_beacon_carries_at_most_twenty_events(app, client):
    good = {"kind": "call_tap", "locale": "en", "service": "city-311", "page": "home"}
    assert beacon(client, {"events": [good] * 21}).status_code == 400
    assert beacon(client, {"events": [good] * 20}).status_code == 204
    assert len(events(app)) == 20


def test_the_ingest_endpoint_is_rate_limited(database_url):
    from rightcall import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True,
                      "USAGE_FLUSH_SECONDS": 0, "USAGE_RATE_LIMIT": "3 per minute"})
    client = app.test_client()
    good = {"kind": "call_tap", "locale": "en", "service": "city-311", "page": "home"}
    statuses = [beacon(client, good).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert len(events(app)) == 3


# --- server-side outcomes: the chat and the no-JavaScript quiz --------------------------------------

def test_a_conversation_is_counted_once_with_each_turns_outcome_but_not_its_text(app, client):
    first = client.post("/api/chat", headers=BROWSER,
                        json={"message": "my kitchen is on fire", "locale": "fr", "conversation": None}).get_json()
    client.post("/api/chat", headers=BROWSER,
                json={"message": "xyzzy plugh", "locale": "fr", "conversation": first["conversation"]})
    assert len(events(app, kind="chat_started")) == 1
    fire, nonsense = events(app, kind="chat_outcome")
    assert (fire.route, fire.safety, fire.turn, fire.locale) == ("emergency-911", True, 1, "fr")
    assert (nonsense.fallback, nonsense.turn) == (True, 2)
    with app.app_context():
        stored = repr([vars(e) for e in db.session.scalars(select(UsageEvent))])
    assert "kitchen" not in stored and "xyzzy" not in stored and first["conversation"] not in stored


def test_the_quiz_without_javascript_counts_each_answer_and_skips_those_already_counted(app, client):
    page = client.get("/en/quiz", headers=BROWSER).get_data(as_text=True)
    ids = page.split('name="questions" value="')[1].split('"')[0].split(",")
    form = {"questions": ",".join(ids), "counted": ids[0]}
    for sid in ids:
        options = page.split(f'name="answer-{sid}" value="')
        form[f"answer-{sid}"] = options[1].split('"')[0]
    assert client.post("/en/quiz", data=form, headers=BROWSER).status_code == 200
    answers = events(app, kind="quiz_answer")
    assert sorted(a.scenario for a in answers) == sorted(ids[1:])
    assert all(a.correct in (True, False) for a in answers)


def test_usage_can_be_switched_off(database_url):
    from rightcall import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "USAGE_ENABLED": False})
    app.test_client().get("/en/", headers=BROWSER)
    assert events(app) == []
