"""Nothing about the reader is logged or stored: no IP, no user agent, no cookie, no query."""
import logging

from sqlalchemy import inspect, text

from rightcall.extensions import db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (PrivacyProbe 1.2.3)"


def _visit(client):
    headers = {"User-Agent": AGENT, "X-Forwarded-For": IP, "Cookie": "tracker=abc123xyz"}
    env = {"REMOTE_ADDR": IP}
    for path in ("/", "/en/", "/fr/quiz?utm_source=probe-query", "/xx/missing"):
        client.get(path, headers=headers, environ_base=env)
    client.post("/en/quiz", data={"questions": "x"}, headers=headers, environ_base=env)


def test_request_log_has_no_ip_user_agent_cookie_or_query(client, caplog):
    caplog.set_level(logging.DEBUG)
    _visit(client)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /en/ 200" in logged                      # requests are logged …
    for secret in (IP, "PrivacyProbe", "abc123xyz", "probe-query"):
        assert secret not in logged                      # … without anything about the reader


def test_database_holds_nothing_about_visitors(app, client):
    _visit(client)
    with app.app_context():
        for table in inspect(db.engine).get_table_names():
            rows = db.session.execute(text(f'SELECT * FROM "{table}"')).all()
            dump = repr(rows)
            for secret in (IP, "PrivacyProbe", "abc123xyz", "probe-query"):
                assert secret not in dump, (table, secret)
