"""Browser tests: every test here drives Debian's Chromium through Playwright at a phone size."""
import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
