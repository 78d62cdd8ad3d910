"""A resident reads pages, taps a number, chats, switches language and takes the quiz in a real
browser; then the communications team's dashboard shows exactly those counts."""
from __future__ import annotations

import re
import time

import pytest
import requests
from playwright.sync_api import expect

from rightcall import create_app
from rightcall.extensions import db


from helpers import NO_RASA, LiveServer, make_account

TOKEN = "browser-operator-token"          # what other tools use for the JSON
TEAM_PASSWORD = "a long enough passphrase"
# Headless Chromium calls itself "HeadlessChrome", which the site rightly treats as a robot:
# the resident here uses an ordinary phone browser's name.
PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/131.0.0.0 Mobile Safari/537.36")


@pytest.fixture
def site(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **NO_RASA,
                      "ADMIN_TOKEN": TOKEN, "USAGE_MIN_CELL": 1, "USAGE_LIVE_SECONDS": 0})
    make_account(app, "figures@example.org", "viewer", TEAM_PASSWORD, name="Figures")
    server = LiveServer(app)
    yield server
    server.stop()
    with server.app.app_context():
        db.engine.dispose()


def figures(site) -> dict:
    body = requests.get(f"{site.url}/admin/usage.json?preset=7", auth=("ops", TOKEN), timeout=10).json()
    tables = {t["id"]: t for t in body["tables"]}
    return {"summary": {row[0]: row[1] for row in tables["summary"]["rows"]},
            **{tid: {row[0]: row[1] for row in tables[tid]["rows"]}
               for tid in ("pages", "call_taps", "languages", "language_switches", "routes")}}


def wait_for(site, check, seconds=10):
    """Beacons arrive asynchronously: wait until the dashboard has them (or fail with them)."""
    deadline = time.monotonic() + seconds
    while True:
        current = figures(site)
        if check(current) or time.monotonic() > deadline:
            return current
        time.sleep(0.2)


def test_what_a_resident_does_is_what_the_dashboard_counts(browser, site):
    resident = browser.new_context(user_agent=PHONE, viewport={"width": 390, "height": 844},
                                   is_mobile=True, has_touch=True)
    # A test browser has no phone dialer: keep tel: links from navigating (the tap still counts).
    resident.add_init_script("document.addEventListener('click', e => { if (e.target.closest"
                             "('a[href^=\"tel:\"]')) e.preventDefault(); }, true);")
    page = resident.new_page()
    page.goto(f"{site.url}/fr/")
    page.goto(f"{site.url}/fr/which-number")
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[hreflang="ta"]').click()
    expect(page).to_have_url(f"{site.url}/ta/which-number")
    page.locator('#scenario-pothole a[href^="tel:"]').dispatch_event("click")    # a tap on 3-1-1
    page.locator("a.call-911").dispatch_event("click")                           # and on 9-1-1

    page.goto(f"{site.url}/en/quiz")
    questions = page.locator("fieldset.question")
    expect(questions).to_have_count(8)
    questions.nth(0).locator("input[type=radio]").first.check()    # counted by the page at once
    for i in range(1, 8):
        questions.nth(i).locator("input[type=radio]").first.check()
    page.locator(".quiz button[type=submit]").click()              # the other 7 counted on submit
    expect(page.locator(".quiz-score")).to_be_visible()

    page.locator(".ask-toggle").click()
    page.keyboard.type("my neighbour's kitchen is on fire")
    page.keyboard.press("Enter")
    expect(page.locator(".ask a.chat-call--911").first).to_be_visible()
    resident.close()

    seen = wait_for(site, lambda f: f["summary"]["Quiz answers"] == 8 and f["summary"]["Call taps"] == 2)
    assert seen["summary"]["Page views"] == 4          # fr home, fr guide, ta guide, en quiz
    assert seen["pages"] == {"home": 1, "which-number": 2, "quiz": 1}
    assert seen["call_taps"] == {"city-311": 1, "emergency-911": 1}
    assert seen["summary"]["9-1-1 taps"] == 1
    assert seen["language_switches"] == {"fr": 1}
    assert seen["summary"]["Quiz answers"] == 8
    assert seen["summary"]["Assistant conversations"] == 1
    assert seen["routes"] == {"emergency-911": 1}
    assert seen["languages"]["fr"] == 2 and seen["languages"]["ta"] == 1

    # The team's view of the same figures: sign in, land on the dashboard.
    team = browser.new_context()
    dashboard = team.new_page()
    dashboard.goto(f"{site.url}/admin/usage?preset=7")
    expect(dashboard).to_have_url(re.compile(r"/admin/login"))
    dashboard.get_by_label("E-mail").fill("figures@example.org")
    dashboard.get_by_label("Password").fill(TEAM_PASSWORD)
    dashboard.get_by_role("button", name="Sign in").click()
    expect(dashboard).to_have_url(f"{site.url}/admin/usage?preset=7")
    expect(dashboard.locator("#call_taps tbody")).to_contain_text("emergency-911")
    expect(dashboard.locator("#summary tbody tr", has_text="Quiz answers").locator("td").first).to_have_text("8")
    expect(dashboard.locator("#pageviews_by_day svg polyline")).to_have_count(1)
    team.close()


def test_a_browser_asking_not_to_be_tracked_sends_nothing(browser, site):
    resident = browser.new_context(user_agent=PHONE, extra_http_headers={"DNT": "1"})
    page = resident.new_page()
    page.goto(f"{site.url}/en/which-number")
    page.locator("a.call-911").dispatch_event("click")
    resident.close()
    time.sleep(1)
    assert figures(site)["summary"]["Page views"] == 0
    assert figures(site)["summary"]["Call taps"] == 0
