"""Nothing about the reader is logged or stored: no IP, no user agent, no cookie, no chat text,
no query — while the anonymized usage events are being recorded (pages, chat, quiz, taps)."""
import logging

from sqlalchemy import inspect, text

from rightcall.extensions import db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 14; PrivacyProbe 1.2.3) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
COOKIE = "abc123xyz"
CHAT = "my neighbour Zebulon Quackenbush at 41 Elm is shouting"
SECRETS = (IP, "PrivacyProbe", COOKIE, "probe-query", "Zebulon", "Quackenbush")


def _visit(client):
    headers = {"User-Agent": AGENT, "X-Forwarded-For": IP, "Cookie": f"tracker={COOKIE}"}
    env = {"REMOTE_ADDR": IP}
    for path in ("/", "/en/", "/fr/quiz?q=probe-query&utm_source=poster", "/xx/missing", "/ta/chat"):
        client.get(path, headers=headers, environ_base=env)
    client.post("/en/quiz", data={"questions": "x"}, headers=headers, environ_base=env)
    reply = client.post("/api/chat", json={"message": CHAT, "locale": "en", "conversation": None},
                        headers=headers, environ_base=env).get_json()
    client.post("/api/chat", json={"message": CHAT + " again", "locale": "en",
                                   "conversation": reply["conversation"]}, headers=headers, environ_base=env)
    client.post("/fr/chat", data={"message": CHAT}, headers=headers, environ_base=env)
    client.post("/api/events", json={"kind": "call_tap", "locale": "en", "service": "city-311", "page": "home"},
                headers=headers, environ_base=env)
    return reply["conversation"]


def test_request_log_has_no_ip_user_agent_cookie_chat_text_or_query(client, caplog):
    caplog.set_level(logging.DEBUG)
    conversation = _visit(client)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /en/ 200" in logged                      # requests are logged …
    for secret in SECRETS + (conversation,):
        assert secret not in logged                      # … without anything about the reader


def test_no_column_of_any_table_holds_anything_about_the_reader(app, client):
    conversation = _visit(client)
    with app.app_context():
        counted = db.session.execute(text("SELECT kind, count(*) FROM usage_event GROUP BY kind")).all()
        assert {kind for kind, _ in counted} >= {"pageview", "chat_started", "chat_outcome", "call_tap"}
        for table in inspect(db.engine).get_table_names():
            for row in db.session.execute(text(f'SELECT * FROM "{table}"')).all():
                for value in row:
                    shown = value.hex() if isinstance(value, bytes) else str(value)
                    for secret in SECRETS + (conversation,):
                        assert secret not in shown, (table, secret)
