"""The "Not sure who to call? Ask" widget on a phone: keyboard, aria-live, tap-to-call, RTL, 320 px.

The browser tests run without Rasa, so the answers come from the site's limited mode; the
widget is the same either way.
"""
from playwright.sync_api import expect

from rightcall.assistant.catalogue import load

from helpers import CONTENT

CATALOGUE = load(CONTENT)


def open_widget(page):
    toggle = page.locator(".ask-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#ask-message")).to_be_focused()


def test_a_resident_chats_and_gets_a_tap_to_call_button(page, live_server):
    page.goto(f"{live_server.url}/en/which-number")
    open_widget(page)
    expect(page.locator(".ask .chat-log")).to_have_attribute("aria-live", "polite")
    page.keyboard.type("smoke is pouring out of my neighbour's window")
    page.keyboard.press("Enter")
    call = page.locator(".ask .chat-bot a.chat-call--911").first
    expect(call).to_have_attribute("href", "tel:911")
    expect(page.locator(".ask .chat-bot").first).to_contain_text(CATALOGUE.message("en", "call_911_now"))
    box = call.bounding_box()
    assert box["height"] >= 44

    page.locator("#ask-message").fill("what is the capital of Peru")     # not understood: buttons
    page.keyboard.press("Enter")
    page.locator(".ask .chat-choice", has_text=CATALOGUE.quick_reply("en", "city_service")).first.click()
    expect(page.locator('.ask a.chat-call[href="tel:311"]')).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".ask-toggle")).to_be_focused()


def test_the_widget_fits_a_320_px_screen_and_mirrors_in_arabic(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/")
    open_widget(page)
    page.locator("#ask-message").fill("/emergency")
    page.locator(".ask .chat-send").click()
    expect(page.locator(".ask a.chat-call--911").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    send = page.locator(".ask .chat-send").bounding_box()
    field = page.locator("#ask-message").bounding_box()
    assert send["x"] < field["x"]          # right-to-left: the button sits to the left
    context.close()


def test_without_javascript_the_link_opens_the_chat_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/")
    page.locator("a.ask-open").click()
    expect(page).to_have_url(f"{live_server.url}/fr/chat")
    page.locator("#chat-message").fill("ma cuisine est en feu")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator('.chat-log a[href="tel:911"]').first).to_be_visible()
    context.close()
