"""The workspace in a real browser: an editor changes the French home page, sees it in the
side-by-side preview, publishes it, and French readers get it while other languages do not;
a translator can only submit for review; a viewer cannot edit at all."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from helpers import workspace_server

PASSWORD = "a long enough passphrase"
NEW_TEXT = "Nouveau message de la campagne, publié depuis l'espace de travail."


@pytest.fixture
def workspace(database_url):
    with workspace_server(database_url, [("editor@example.org", "editor", "Eddie", ()),
                                                 ("translator@example.org", "translator", "Tina", ("fr",)),
                                                 ("viewer@example.org", "viewer", "Vic", ())], PASSWORD) as server:
        yield server


@pytest.fixture
def desk(browser):
    """The team works at a desk: a laptop-sized window, so the preview sits beside the form."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


def sign_in(page, server, email):
    page.goto(f"{server.url}/admin/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Signed in as")


def reader(browser):
    """A resident's phone with an empty browser cache."""
    return browser.new_context(viewport={"width": 390, "height": 844}).new_page()


def test_an_editor_changes_the_french_home_page_previews_and_publishes_it(browser, desk, workspace):
    page = desk
    sign_in(page, workspace, "editor@example.org")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Pages").click()
    page.locator('a[href="/admin/pages/home/fr"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit “home” in")
    preview = page.frame_locator("iframe[name=preview]")
    expect(preview.locator("h1")).to_be_visible()                   # the preview loads by itself
    body = page.get_by_label("Body (Markdown)")
    body.fill(NEW_TEXT + "\n\n" + body.input_value())
    expect(preview.locator("article")).to_contain_text(NEW_TEXT)   # refreshed as the editor types
    expect(preview.locator(".call-911")).to_be_visible()            # the public layout, 9-1-1 bar and all
    box_form, box_preview = page.locator("#page-editor").bounding_box(), page.locator("iframe").bounding_box()
    assert box_preview["x"] > box_form["x"] + box_form["width"] - 1  # side by side
    public = reader(browser)
    public.goto(f"{workspace.url}/fr/")
    expect(public.locator("main")).not_to_contain_text(NEW_TEXT)     # a preview saves nothing
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Published: readers see it now.")
    public = reader(browser)          # a new reader (one who came before keeps it for max-age)
    public.goto(f"{workspace.url}/fr/")
    expect(public.locator("main")).to_contain_text(NEW_TEXT)
    for other in ("en", "es", "ar"):
        public.goto(f"{workspace.url}/{other}/")
        expect(public.locator("main")).not_to_contain_text(NEW_TEXT)
    page.get_by_role("link", name="History, compare and restore").click()
    page.get_by_role("button", name="Compare the two chosen revisions").click()
    expect(page.locator("ins").first).to_contain_text("Nouveau message")


def test_a_translator_can_submit_for_review_but_not_publish(desk, workspace):
    page = desk
    sign_in(page, workspace, "translator@example.org")
    page.goto(f"{workspace.url}/admin/pages/home/fr")
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    page.get_by_label("Title", exact=True).fill("Faites le bon appel, relu")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_have_text("Submitted for review: an editor will publish it.")
    # Pressing "publish" anyway (a forged request from the same page) is refused by the server.
    status = page.evaluate("""async () => {
        const data = new FormData(document.getElementById("page-editor"));
        data.set("action", "publish");
        return (await fetch(location.href, {method: "POST", body: data})).status;
    }""")
    assert status == 403
    page.goto(f"{workspace.url}/fr/")
    expect(page.locator("h1")).not_to_have_text("Faites le bon appel, relu")
    page.goto(f"{workspace.url}/admin/pages/home/es")
    expect(page.get_by_role("alert")).to_contain_text("Not allowed: your role (translator) cannot do this in this language.")


def test_a_viewer_cannot_edit(desk, workspace):
    page = desk
    sign_in(page, workspace, "viewer@example.org")
    expect(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Pages")).to_have_count(0)
    for path in ("/admin/pages", "/admin/pages/home/fr", "/admin/services/city-311/en"):
        response = page.goto(f"{workspace.url}{path}")
        assert response.status == 403
        expect(page.get_by_role("alert")).to_contain_text("Not allowed: your role (viewer) cannot do this.")
    page.goto(f"{workspace.url}/admin/usage")
    expect(page).to_have_url(re.compile(r"/admin/usage"))


WORKSPACE_PAGES = ("/admin/pages", "/admin/pages/home/fr", "/admin/pages/home/fr/history",
                   "/admin/services", "/admin/services/police-non-emergency/shared",
                   "/admin/services/city-311/ar", "/admin/scenarios/pothole/shared")


def test_the_editing_pages_have_no_accessibility_violations(desk, workspace):
    from test_accessibility import AXE
    page = desk
    sign_in(page, workspace, "editor@example.org")
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    for path in WORKSPACE_PAGES:
        page.goto(workspace.url + path)
        page.evaluate(axe)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        if violations:
            found[path] = violations
    assert found == {}
