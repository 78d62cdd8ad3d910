"""axe-core finds no accessibility violation on any page in English, French, Chinese, Arabic."""
import json
from pathlib import Path

import pytest

from helpers import PAGE_IDS, page_path

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
LOCALES = ("en", "fr", "zh-Hans", "ar")


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run 'make test' (it runs npm ci in tests/).")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_no_accessibility_violations(page, live_server, axe_source, locale, page_id):
    page.goto(live_server.url + page_path(page_id, locale))
    page.evaluate(axe_source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
