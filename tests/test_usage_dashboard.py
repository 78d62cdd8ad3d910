"""``/admin/usage``: the operator token, the figures, small-cell suppression, CSV and JSON."""
from __future__ import annotations

import base64
import csv
import io
from datetime import timedelta

import pytest

from rightcall import create_app
from rightcall.extensions import db
from rightcall.models.usage import UsageEvent
from rightcall.usage.salt import today

TOKEN = "operator-test-token"


def auth(token=TOKEN):
    return {"Authorization": "Basic " + base64.b64encode(f"ops:{token}".encode()).decode()}


@pytest.fixture
def dashboard(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "ADMIN_TOKEN": TOKEN,
                      "USAGE_FLUSH_SECONDS": 0, "USAGE_LIVE_SECONDS": 0})
    return app


def add(app, n, days_ago=0, **row):
    with app.app_context():
        day = today() - timedelta(days=days_ago)
        db.session.execute(db.insert(UsageEvent), [{"day": day, **row}] * n)
        db.session.commit()


def get(app, path, **headers):
    return app.test_client().get(path, headers={**auth(), **headers})


def test_only_the_team_or_a_tool_with_the_operator_token_sees_the_figures(database_url, dashboard):
    anonymous = dashboard.test_client()
    response = anonymous.get("/admin/usage?preset=7")
    assert response.status_code == 302                                  # a browser: sign in first
    assert response.headers["Location"].endswith("/admin/login?next=/admin/usage?preset%3D7")
    for path in ("/admin/usage.json", "/admin/usage/summary.csv"):     # a tool: the token, please
        response = anonymous.get(path)
        assert response.status_code == 401 and "Basic" in response.headers["WWW-Authenticate"]
    assert dashboard.test_client().get("/admin/usage", headers=auth("wrong")).status_code == 401
    assert get(dashboard, "/admin/usage").status_code == 200
    assert get(dashboard, "/admin/usage.json").status_code == 200
    closed = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "ADMIN_TOKEN": ""})
    assert closed.test_client().get("/admin/usage.json", headers=auth("")).status_code == 401
    assert closed.test_client().get("/admin/usage.json", headers=auth("anything")).status_code == 401


def test_every_role_of_the_team_sees_the_figures_once_signed_in(database_url):
    from helpers import make_account
    from test_accounts import PASSWORD, sign_in

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "USAGE_LIVE_SECONDS": 0})
    for role in ("admin", "editor", "translator", "viewer"):
        make_account(app, f"{role}@example.org", role, PASSWORD)
    for role in ("admin", "editor", "translator", "viewer"):
        client = app.test_client()
        sign_in(client, f"{role}@example.org")
        assert client.get("/admin/usage?preset=7").status_code == 200, role
        assert client.get("/admin/usage/summary.csv").status_code == 200, role


def test_the_page_shows_counts_and_suppresses_small_ones(dashboard):
    add(dashboard, 12, kind="pageview", locale="fr", page="which-number", device="phone")
    add(dashboard, 3, kind="pageview", locale="ta", page="quiz", device="phone")
    add(dashboard, 7, kind="call_tap", locale="fr", service="emergency-911", page="home")
    add(dashboard, 2, kind="call_tap", locale="fr", service="police-non-emergency", page="home")
    html = get(dashboard, "/admin/usage?preset=7").get_data(as_text=True)
    assert "<th scope=\"row\">which-number</th><td>12</td>" in html
    assert "<th scope=\"row\">quiz</th><td>&lt;5</td>" in html
    assert "<th scope=\"row\">emergency-911</th><td>7</td>" in html
    assert "<th scope=\"row\">police-non-emergency</th><td>&lt;5</td>" in html
    assert ">3<" not in html and ">2<" not in html            # never the small figure itself
    assert html.index('class="call-911"') < html.index("<main")  # 9-1-1 first here too


def test_csv_and_json_suppress_the_same_cells(dashboard):
    add(dashboard, 9, kind="quiz_answer", locale="en", scenario="house-fire", correct=True)
    add(dashboard, 2, kind="quiz_answer", locale="en", scenario="house-fire", correct=False)
    add(dashboard, 4, kind="quiz_answer", locale="en", scenario="pothole", correct=True)
    rows = list(csv.reader(io.StringIO(get(dashboard, "/admin/usage/quiz_scenarios.csv").get_data(as_text=True))))
    assert rows[0] == ["Scenario", "Answers", "Correct", "Accuracy"]
    assert ["house-fire", "11", "9", "0.8182"] in rows
    assert ["pothole", "<5", "<5", ""] in rows
    body = get(dashboard, "/admin/usage.json").get_json()
    tables = {t["id"]: t for t in body["tables"]}
    assert ["house-fire", 11, 9, 0.8182] in tables["quiz_scenarios"]["rows"]
    assert ["pothole", "<5", "<5", None] in tables["quiz_scenarios"]["rows"]
    assert body["min_cell"] == 5


def test_every_table_on_the_page_can_be_downloaded(dashboard):
    add(dashboard, 6, kind="pageview", locale="en", page="home", device="phone")
    html = get(dashboard, "/admin/usage").get_data(as_text=True)
    ids = [part.split(".csv")[0] for part in html.split("/admin/usage/")[1:]]
    assert len(ids) >= 15
    for table_id in ids:
        response = get(dashboard, f"/admin/usage/{table_id}.csv")
        assert response.status_code == 200 and response.mimetype == "text/csv", table_id
    assert get(dashboard, "/admin/usage/nothing.csv").status_code == 404


def test_the_period_language_filter_and_comparison(dashboard):
    add(dashboard, 20, days_ago=0, kind="pageview", locale="en", page="home", device="phone")
    add(dashboard, 8, days_ago=10, kind="pageview", locale="fr", page="home", device="phone")
    add(dashboard, 6, days_ago=40, kind="pageview", locale="en", page="home", device="phone")
    # Older days reach the dashboard through the daily job (Procfile / cron); today by itself.
    assert "2 day(s) rolled up" in dashboard.test_cli_runner().invoke(args=["usage", "rollup"]).output

    def views(query):
        tables = {t["id"]: t for t in get(dashboard, "/admin/usage.json?" + query).get_json()["tables"]}
        return tables["summary"]["rows"][0]

    assert views("preset=7") == ["Page views", 20]
    assert views("preset=30") == ["Page views", 28]
    assert views("preset=90") == ["Page views", 34]
    assert views("preset=30&locale=fr") == ["Page views", 8]
    assert views("preset=30&compare=1") == ["Page views", 28, 6]
    with dashboard.app_context():
        now = today()
    start, end = (now - timedelta(days=12)).isoformat(), (now - timedelta(days=5)).isoformat()
    assert views(f"start={start}&end={end}") == ["Page views", 8]
    assert views(f"start={start}&end={end}&compare=1") == ["Page views", 8, 0]   # an empty period
    assert views("preset=campaign") == ["Page views", 34]


@pytest.mark.parametrize("query, says", [
    ("start=2026-13-01&end=2026-12-01", "YYYY-MM-DD"),
    ("start=2026-05-01&end=2026-04-01", "before the start"),
    ("start=2020-01-01&end=2026-01-01", "at most"),
    ("preset=365", "Unknown preset"),
    ("locale=klingon", "Unknown language"),
])
def test_a_period_it_cannot_show_is_a_400_with_a_message(dashboard, query, says):
    for path in ("/admin/usage", "/admin/usage.json", "/admin/usage/summary.csv"):
        response = get(dashboard, f"{path}?{query}")
        assert response.status_code == 400, path
        assert says in response.get_data(as_text=True)


def test_numbers_and_dates_are_formatted_for_the_viewers_language(dashboard):
    add(dashboard, 1234, kind="pageview", locale="en", page="home", device="phone")
    english = get(dashboard, "/admin/usage?preset=7", **{"Accept-Language": "en"}).get_data(as_text=True)
    french = get(dashboard, "/admin/usage?preset=7", **{"Accept-Language": "fr"}).get_data(as_text=True)
    assert "<td>1,234</td>" in english
    assert "<td>1\u202f234</td>" in french


def test_the_charts_are_inline_svg_with_no_other_host(dashboard):
    add(dashboard, 9, days_ago=1, kind="pageview", locale="en", page="home", device="phone")
    add(dashboard, 15, kind="pageview", locale="en", page="home", device="phone")
    html = get(dashboard, "/admin/usage?preset=7").get_data(as_text=True)
    assert html.count("<svg") == 4       # page views by day; by language, page and device
    assert '<polyline class="chart-line"' in html
    assert "http" not in html.split("<main")[1].replace("http://localhost", "")


def test_languages_are_named_in_the_viewers_language(dashboard):
    add(dashboard, 6, kind="pageview", locale="ta", page="home", device="phone")
    add(dashboard, 5, kind="language_switch", locale="fr", from_locale="zh-Hant")
    french = get(dashboard, "/admin/usage?preset=7", **{"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<th scope="row">tamoul</th>' in french
    assert '<th scope="row">chinois (traditionnel)</th>' in french
    rows = get(dashboard, "/admin/usage.json?preset=7").get_json()["tables"]
    assert ["ta", 6, 0] in next(t for t in rows if t["id"] == "languages")["rows"]


def test_with_a_live_interval_today_is_refreshed_in_the_background(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "ADMIN_TOKEN": TOKEN,
                      "USAGE_LIVE_SECONDS": 60})
    add(app, 7, kind="call_tap", locale="en", service="city-311", page="home")
    assert get(app, "/admin/usage.json?preset=7").status_code == 200   # starts the re-roll
    refresher = app.extensions["rightcall.usage.live"]
    assert refresher._running.acquire(timeout=20)                      # wait for it to end
    refresher._running.release()
    second = get(app, "/admin/usage.json?preset=7").get_json()
    assert second["tables"][0]["rows"][6] == ["Call taps", 7]
