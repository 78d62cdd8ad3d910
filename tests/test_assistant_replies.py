"""The assistant's answers, built the same way by the action server and the site's fallback."""
from __future__ import annotations

import re
from string import Formatter

import pytest
import yaml

from rightcall.assistant.catalogue import load
from rightcall.assistant.danger import DangerSigns
from rightcall.assistant.directory_source import ServiceDirectory, services_from_file
from rightcall.assistant.replies import Composer
from rightcall.assistant.turn import answer_turn

from helpers import ASSISTANT_LOCALES, CONTENT, REPO_ROOT


@pytest.fixture(scope="module")
def catalogue():
    return load(CONTENT)


def compose(catalogue, locale="en", services=None):
    services = services or services_from_file(CONTENT / "services.yml", locale)
    return Composer(catalogue, services, locale)


def test_every_language_has_every_message_with_the_same_placeholders(catalogue):
    english = catalogue.texts["en"]
    fields = lambda s: sorted(f for _, f, _, _ in Formatter().parse(s) if f)  # noqa: E731
    for tag in ASSISTANT_LOCALES:
        texts = catalogue.texts.get(tag)
        assert texts, f"content/assistant/texts/{tag}.yml is missing"
        for section in ("messages", "quick_replies", "ready"):
            missing = set(english[section]) - set(texts.get(section) or {})
            assert not missing, (tag, section, missing)
        for key, value in texts["messages"].items():
            assert fields(value) == fields(english["messages"][key]), (tag, key)


def test_no_phone_number_is_written_in_the_assistants_words(catalogue):
    # Numbers come from the service directory only (9-1-1 / 2-1-1 are named, not dialled here).
    for tag, texts in catalogue.texts.items():
        for section in texts.values():
            for value in (section.values() if isinstance(section, dict) else ()):
                assert not re.search(r"\d{3}\D?\d{3}\D?\d{4}", str(value)), (tag, value)


def test_routes_name_real_services_and_the_domains_intents():
    catalogue = load(CONTENT)
    services = {s["id"] for s in yaml.safe_load((CONTENT / "services.yml").read_text())["services"]}
    domain = yaml.safe_load((REPO_ROOT / "bot" / "domain.yml").read_text())
    for route in catalogue.intents.values():
        for service_id in [route.get("service"), *route.get("also", [])]:
            assert service_id is None or service_id in services
    assert set(domain["intents"]) == set(catalogue.intents) | set(catalogue.clarify) | {"emergency", "out_of_scope"}


def test_an_emergency_answer_is_call_911_first_with_a_tap_to_call_button(catalogue):
    answer = compose(catalogue, "es").emergency(safety=True)
    first = answer.replies[0]
    assert first["text"].startswith(catalogue.message("es", "call_911_now"))
    assert first["buttons"][0]["payload"] == "tel:911"
    assert answer.route == "emergency-911" and answer.safety


def test_a_service_answer_uses_the_directory_number_so_an_edit_needs_no_retraining(catalogue):
    services = services_from_file(CONTENT / "services.yml", "en")
    services["city-311"]["contacts"][0].update(display="416-555-0311", href="tel:+14165550311")
    answer = compose(catalogue, "en", services).for_intent("city_service")
    assert answer.route == "city-311"
    card = answer.replies[0]
    assert card["text"].splitlines()[0] == services["city-311"]["name"]
    assert catalogue.ready("en", "city-311") in card["text"]
    assert {"title": "Call 416-555-0311", "payload": "tel:+14165550311"} in card["buttons"]


def test_the_danger_layer_wins_over_whatever_the_classifier_said(catalogue):
    signs = DangerSigns(catalogue.danger_signs)
    answer = answer_turn(compose(catalogue), signs, "there is smoke everywhere", "city_service",
                         first_turn=False)
    assert answer.route == "emergency-911" and answer.safety
    assert answer.replies[0]["buttons"][0]["payload"] == "tel:911"


def test_not_understood_gives_911_then_the_safe_lines_then_the_buttons(catalogue):
    signs = DangerSigns(catalogue.danger_signs)
    answer = answer_turn(compose(catalogue, "fr"), signs, "blablabla", "nlu_fallback", first_turn=False)
    assert answer.route is None and answer.fallback
    assert catalogue.message("fr", "if_danger") in answer.replies[0]["text"]
    assert answer.replies[0]["buttons"][0]["payload"] == "tel:911"
    assert answer.services == ["emergency-911", "police-non-emergency", "community-211", "crisis-988"]
    assert [b["payload"] for b in answer.replies[-1]["buttons"]] == [f"/{i}" for i in catalogue.quick_replies]


def test_the_not_monitored_notice_comes_once_and_after_the_answer(catalogue):
    signs = DangerSigns(catalogue.danger_signs)
    notice = catalogue.message("en", "not_monitored")
    first = answer_turn(compose(catalogue), signs, "my house is on fire", None, first_turn=True)
    later = answer_turn(compose(catalogue), signs, "/city_service", "city_service", first_turn=False)
    assert first.replies[-1]["text"] == notice and first.replies[0]["buttons"][0]["payload"] == "tel:911"
    assert all(r["text"] != notice for r in later.replies)


def test_an_ambiguous_situation_gets_one_question_with_answer_buttons(catalogue):
    answer = compose(catalogue, "ar").for_intent("need_police")
    assert answer.route is None
    assert answer.replies == [{"text": catalogue.message("ar", "clarify_danger"), "buttons": [
        {"title": catalogue.message("ar", "clarify_yes"), "payload": "/emergency"},
        {"title": catalogue.message("ar", "clarify_no"), "payload": "/police_non_emergency"}]}]


def test_the_assistant_never_asks_for_personal_details(catalogue):
    asking = re.compile(r"\b(your|what is your|what's your) (name|address|phone|number|email)\b", re.I)
    for key, value in catalogue.texts["en"]["messages"].items():
        assert not asking.search(value), key


def test_the_directory_falls_back_to_the_file_when_the_site_is_away():
    directory = ServiceDirectory("http://127.0.0.1:9", timeout=0.5)
    services = directory.get("pt")
    assert services["emergency-911"]["contacts"][0]["href"] == "tel:911"
    assert services["city-311"]["name"] == services_from_file(CONTENT / "services.yml", "pt")["city-311"]["name"]
