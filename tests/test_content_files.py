"""The content itself: every service, page and scenario exists in every language, and pages
never write a phone number themselves."""
import re

import pytest

from rightcall.content.files import read_pages, read_yaml
from rightcall.locales import TAGS
from rightcall.markdown import shortcode_service_ids

from helpers import CONTENT

SERVICE_IDS = {
    "emergency-911", "police-non-emergency", "police-online-report", "collision-reporting",
    "crisis-tccs", "crisis-988", "city-311", "community-211", "crime-stoppers", "health-811",
    "poison-centre", "kids-help-phone", "assaulted-womens-helpline", "victim-services",
}
PAGES = read_pages(CONTENT)
SERVICES = read_yaml(CONTENT / "services.yml")["services"]
SCENARIOS = read_yaml(CONTENT / "scenarios.yml")
PHONE = re.compile(r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b1[-. ]8\d\d[-. ]")


def test_every_service_id_is_in_the_directory_with_its_facts():
    ids = {s["id"] for s in SERVICES}
    assert SERVICE_IDS <= ids
    for service in SERVICES:
        assert service["status"] in ("found", "to-verify"), service["id"]
        assert service["source"]["title"], service["id"]
        assert service["contacts"], service["id"]
        if service["status"] == "found":
            assert service["verified"], service["id"]
        for contact in service["contacts"]:
            if "same_as" in contact:  # another service's main number
                assert contact["same_as"] in ids, service["id"]
                continue
            assert contact["kind"] in ("phone", "sms", "tty", "web")
            assert contact.get("number") or contact.get("url"), service["id"]


def test_every_service_and_scenario_is_in_every_language():
    for service in SERVICES:
        assert set(service["text"]) == set(TAGS), service["id"]
        for locale, text in service["text"].items():
            assert text.get("name"), (service["id"], locale)
    for scenario in SCENARIOS["scenarios"]:
        assert set(scenario["text"]) == set(TAGS), scenario["id"]
    for group in SCENARIOS["groups"]:
        assert set(group["title"]) == set(TAGS), group["id"]


def test_at_least_thirty_scenarios_each_pointing_to_a_known_service():
    ids = {s["id"] for s in SERVICES}
    groups = {g["id"] for g in SCENARIOS["groups"]}
    assert len(SCENARIOS["scenarios"]) >= 30
    for scenario in SCENARIOS["scenarios"]:
        assert scenario["service"] in ids and scenario["group"] in groups, scenario["id"]


def test_every_page_is_in_every_language_and_translations_are_marked():
    by_page = {}
    for page in PAGES:
        by_page.setdefault(page.page_id, set()).add(page.locale)
        if page.locale != "en":
            assert page.review in ("machine", "human")
    assert len(by_page) == 9
    for page_id, locales in by_page.items():
        assert locales == set(TAGS), page_id


@pytest.mark.parametrize("page", PAGES, ids=[f"{p.page_id}/{p.locale}" for p in PAGES])
def test_pages_write_no_phone_number_and_use_known_services(page):
    assert not PHONE.search(page.body), "write numbers with {{number ID}} / {{call ID}}"
    known = {s["id"] for s in SERVICES}
    assert shortcode_service_ids(page.body) <= known


def test_translations_keep_the_english_shortcodes():
    english = {p.page_id: shortcode_service_ids(p.body) for p in PAGES if p.locale == "en"}
    for page in PAGES:
        assert shortcode_service_ids(page.body) == english[page.page_id], (page.page_id, page.locale)
