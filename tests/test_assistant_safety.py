"""The safety layer on its own: danger signs in every language, without any model."""
from __future__ import annotations

import pytest
import yaml

from rightcall.assistant.catalogue import load
from rightcall.assistant.danger import DangerSigns, normalise

from helpers import ASSISTANT_LOCALES, CONTENT, REPO_ROOT

NLU_TESTS = REPO_ROOT / "bot" / "tests" / "nlu_test"
# Intents that are never an emergency: the danger layer must leave them to the classifier.
CALM = {"report_online", "city_service", "community_help", "health_advice", "greet", "goodbye"}


def held_out(locale: str) -> dict[str, list[str]]:
    data = yaml.safe_load((NLU_TESTS / f"{locale}.yml").read_text(encoding="utf-8"))
    return {block["intent"]: [line[2:].strip() for line in block["examples"].splitlines()
                              if line.strip().startswith("- ")] for block in data["nlu"]}


@pytest.fixture(scope="module")
def signs():
    return DangerSigns(load(CONTENT).danger_signs)


def test_every_language_has_danger_signs_for_every_category():
    catalogue = load(CONTENT)
    english = set(catalogue.danger_signs["en"]) - {"negated"}
    for tag in ASSISTANT_LOCALES:
        assert tag in catalogue.danger_signs, f"content/assistant/danger-signs/{tag}.yml is missing"
        assert english <= set(catalogue.danger_signs[tag]), tag


@pytest.mark.parametrize("locale", ASSISTANT_LOCALES)
def test_every_held_out_emergency_is_caught_without_the_model(signs, locale):
    emergencies = held_out(locale)["emergency"]
    assert len(emergencies) >= 5
    missed = [text for text in emergencies if signs.find(text) is None]
    assert missed == []


@pytest.mark.parametrize("locale", ASSISTANT_LOCALES)
def test_held_out_everyday_situations_are_not_sent_to_911(signs, locale):
    calm = [t for intent, texts in held_out(locale).items() if intent in CALM for t in texts]
    assert calm
    flagged = [(text, signs.find(text)) for text in calm if signs.find(text) is not None]
    assert flagged == []


@pytest.mark.parametrize("text, category", [
    ("My kitchen is ON FIRE", "fire"),
    ("my dad collapsed and isn't breathing", "medical"),
    ("there's a guy with a knife outside", "weapon"),
    ("someone is breaking in right now", "crime_in_progress"),
    ("my friend took too many pills", "overdose"),
    ("Ma cuisine est en feu", "fire"),
    ("il ne respire plus", "medical"),
    ("il ne respire plus", "medical"),
])
def test_categories(signs, text, category):
    assert signs.find(text).category == category


def test_accents_and_case_do_not_matter(signs):
    assert signs.find("IL NE RESPIRE PLUS") is not None
    assert signs.find("ça sent le gaz") is not None and signs.find("ca sent le gaz") is not None
    assert normalise("Éteint  À  l'ÉCOLE") == "eteint a l'ecole"


def test_arabic_letter_variants_and_vowel_marks_are_folded():
    # Arabic yeh/kaf and Persian yeh/keheh are one letter for matching; harakat are dropped.
    assert normalise("كيف") == normalise("کیف")
    assert normalise("حَرِيق") == normalise("حریق")


def test_a_message_that_rules_danger_out_is_not_an_emergency(signs):
    assert signs.find("no one is in danger") is None
    assert signs.find("personne n'est en danger") is None
    assert signs.find("someone is in danger") is not None


def test_any_language_is_caught_on_any_page(signs):
    # A resident on the Tamil page may well write in English.
    assert signs.find("my house is on fire", prefer="ta") is not None
