"""The "numbers to know" card prints on one page, in every language."""
import re

import pytest

from rightcall.locales import TAGS


@pytest.mark.parametrize("locale", TAGS)
def test_the_card_prints_on_one_page(page, live_server, locale):
    page.goto(f"{live_server.url}/{locale}/card")
    pdf = page.pdf(format="Letter")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    text = page.locator("table.numbers-card").inner_text()
    assert "416-808-2222" in text and "9-1-1" in text
