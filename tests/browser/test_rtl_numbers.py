"""In Arabic, Persian and Urdu, phone numbers must read left to right: "9-1-1", not "1-1-9".

The bidi algorithm reverses a hyphenated number that follows Arabic letters; the site wraps
every number of a right-to-left page in a left-to-right isolate. This measures where each
digit of every "9-1-1" and "416-808-2222" on the page is drawn.
"""
import pytest

DIGIT_ORDER = """(needles) => {
  const bad = [], seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (!node.parentElement || node.parentElement.closest('[hidden]')) continue;
    for (const needle of needles) {
      let at = node.data.indexOf(needle);
      while (at !== -1) {
        const xs = [];
        for (let i = at; i < at + needle.length; i++) {
          if (!/[0-9]/.test(node.data[i])) continue;
          const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
          xs.push(r.getBoundingClientRect().x);
        }
        seen.push(needle);
        if (xs.some((x, i) => i > 0 && x <= xs[i - 1])) bad.push(node.parentElement.outerHTML.slice(0, 120));
        at = node.data.indexOf(needle, at + 1);
      }
    }
  }
  return {seen: seen.length, bad};
}"""


@pytest.mark.parametrize("locale", ["ar", "fa", "ur"])
@pytest.mark.parametrize("path", ["/", "/which-number", "/police-non-emergency", "/card"])
def test_numbers_read_left_to_right_in_rtl_pages(page, live_server, locale, path):
    page.goto(f"{live_server.url}/{locale}{path}")
    result = page.evaluate(DIGIT_ORDER, ["9-1-1", "416-808-2222"])
    assert result["seen"] >= 2        # the 9-1-1 bar at least, and the page's own numbers
    assert result["bad"] == []
