"""Signing in to the workspace in a real browser: the form works with a phone's keyboard, a
wrong password five times is throttled, and signing out ends the session."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from helpers import workspace_server

PASSWORD = "a long enough passphrase"


@pytest.fixture
def workspace(database_url):
    with workspace_server(database_url, [("editor@example.org", "editor", "Eddie", ())], PASSWORD) as server:
        yield server


def fill(page, email, password):
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.keyboard.press("Enter")


def test_sign_in_and_out(page, workspace):
    page.goto(f"{workspace.url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login"))
    fill(page, "editor@example.org", PASSWORD)
    expect(page.locator("main")).to_contain_text("Signed in as Eddie (editor@example.org)")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/admin/login"))
    page.goto(f"{workspace.url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login"))


def test_five_wrong_passwords_are_throttled(page, workspace):
    page.goto(f"{workspace.url}/admin/login")
    for attempt in range(5):
        fill(page, "editor@example.org", f"wrong guess {attempt}")
        expect(page.get_by_role("alert")).to_have_text("That e-mail and password do not match an active account.")
    fill(page, "editor@example.org", PASSWORD)
    expect(page.locator("main")).to_contain_text("Too many requests")
    expect(page.locator("main")).not_to_contain_text("Signed in as")
