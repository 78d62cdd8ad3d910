"""What a resident on a phone gets: the 9-1-1 link first, the switcher, the quiz, RTL, no
other hosts."""

from playwright.sync_api import expect


def test_the_911_link_is_the_first_focusable_element_and_big_enough(page, live_server):
    for locale in ("en", "ar", "zh-Hans"):
        page.goto(f"{live_server.url}/{locale}/which-number")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.tagName, document.activeElement.getAttribute('href')]")
        assert focused == ["A", "tel:911"], locale
        box = page.locator("a.call-911").bounding_box()
        assert box["y"] == 0                         # at the very top
        assert box["height"] >= 44 and box["width"] >= 300  # WCAG 2.2 target size, thumb-sized


def test_the_language_switcher_keeps_the_reader_on_the_same_page(page, live_server):
    page.goto(f"{live_server.url}/en/calling-911")
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/calling-911")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="العربية").click()
    expect(page).to_have_url(f"{live_server.url}/ar/calling-911")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_a_right_to_left_page_is_mirrored(page, live_server):
    edges = {}
    for locale in ("en", "ar"):
        page.goto(f"{live_server.url}/{locale}/")
        width = page.viewport_size["width"]
        brand = page.locator(".brand").bounding_box()
        edges[locale] = {"brand_left": brand["x"] < 40,
                         "brand_right": brand["x"] + brand["width"] > width - 40}
        direction = page.evaluate("() => getComputedStyle(document.querySelector('h1')).direction")
        assert direction == ("rtl" if locale == "ar" else "ltr")
    assert edges["en"]["brand_left"] and not edges["en"]["brand_right"]
    assert edges["ar"]["brand_right"] and not edges["ar"]["brand_left"]


def _answer_all(page, correctly: bool):
    for fieldset in page.locator("fieldset.question").all():
        correct = fieldset.get_attribute("data-correct")
        radios = fieldset.locator("input[type=radio]")
        for i in range(radios.count()):
            value = radios.nth(i).get_attribute("value")
            if (value == correct) == correctly:
                radios.nth(i).check()
                break


def test_the_quiz_gives_instant_feedback_with_javascript(page, live_server):
    page.goto(f"{live_server.url}/en/quiz")
    first = page.locator("fieldset.question").first
    expect(first.locator(".feedback")).to_be_hidden()
    url = page.url
    correct = first.get_attribute("data-correct")
    first.locator(f"input[value='{correct}']").check()
    expect(first.locator(".feedback__verdict")).to_have_text("Right call!")
    expect(first.locator(".feedback")).to_be_visible()
    assert page.url == url                                   # no page load for feedback
    _answer_all(page, correctly=True)
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator(".quiz-score")).to_have_text("You made the right call 8 times out of 8.")


def test_the_quiz_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/quiz")
    first = page.locator("fieldset.question").first
    expect(first.locator(".feedback")).to_be_hidden()
    _answer_all(page, correctly=False)
    page.locator("form.quiz button[type=submit]").click()
    expect(page.locator(".quiz-score")).to_be_visible()
    assert page.locator(".feedback__verdict--wrong").count() == 8
    expect(page.locator(".feedback").first).to_be_visible()
    context.close()


def test_pages_load_only_from_the_site_itself(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/en/", "/zh-Hant/which-number", "/ar/quiz", "/ta/card"):
        page.goto(live_server.url + path)
    assert requested and all(url.startswith(live_server.url) for url in requested), requested


def test_calling_is_one_tap_from_the_home_page(page, live_server):
    page.goto(f"{live_server.url}/en/")
    links = page.locator("main a[href^='tel:']")
    assert links.count() >= 4
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert {"tel:911", "tel:+14168082222", "tel:311"} <= hrefs
