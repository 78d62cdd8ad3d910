"""The quiz as a plain form: questions, grading, and clear 400s for bad posts."""
import re

import pytest

from helpers import Document


def _form(client, locale="en"):
    response = client.get(f"/{locale}/quiz")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    doc = Document(html)
    questions = doc.find_all("input", name="questions")[0]["value"].split(",")
    correct = dict(zip(questions, re.findall(r'data-correct="([^"]+)"', html)))
    options = {}
    for attrs in doc.find_all("input", type="radio"):
        options.setdefault(attrs["name"].removeprefix("answer-"), []).append(attrs["value"])
    return questions, correct, options, html


def test_a_quiz_has_eight_questions_with_four_choices_including_911(client):
    questions, _correct, options, html = _form(client)
    assert len(questions) == 8 and len(set(questions)) == 8
    assert all(len(options[q]) == 4 for q in questions)
    assert all("emergency-911" in options[q] for q in questions)
    assert "no-store" in client.get("/en/quiz").headers["Cache-Control"]


def test_all_right_answers_score_eight_out_of_eight(client):
    questions, correct, _options, _ = _form(client)
    data = {"questions": ",".join(questions), **{f"answer-{q}": correct[q] for q in questions}}
    html = client.post("/en/quiz", data=data).get_data(as_text=True)
    assert "You made the right call 8 times out of 8." in html
    assert html.count("Right call!") >= 8


def test_wrong_answers_show_the_right_call_and_the_reason(client):
    questions, correct, options, _ = _form(client)
    wrong = {q: next(o for o in options[q] if o != correct[q]) for q in questions}
    data = {"questions": ",".join(questions), **{f"answer-{q}": wrong[q] for q in questions}}
    response = client.post("/en/quiz", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "You made the right call 0 times out of 8." in html
    assert html.count("Not quite.") >= 8 and html.count("The right call:") == 8


def test_a_missing_answer_is_a_400_that_keeps_the_given_answers(client):
    questions, correct, _options, _ = _form(client)
    data = {"questions": ",".join(questions),
            **{f"answer-{q}": correct[q] for q in questions[1:]}}
    response = client.post("/en/quiz", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Please answer every question." in html
    assert f'id="missing-{questions[0]}"' in html
    checked = [a for a in Document(html).find_all("input", type="radio") if "checked" in a]
    assert {a["name"].removeprefix("answer-") for a in checked} == set(questions[1:])
    assert all(a["value"] == correct[a["name"].removeprefix("answer-")] for a in checked)


@pytest.mark.parametrize("forge", ["unknown-answer", "unknown-scenario", "no-questions",
                                   "too-many", "duplicate"])
def test_a_forged_quiz_is_a_400_with_a_message(client, forge):
    questions, correct, _options, _ = _form(client)
    answers = {f"answer-{q}": correct[q] for q in questions}
    if forge == "unknown-answer":
        answers[f"answer-{questions[0]}"] = "pizza-delivery"
    elif forge == "unknown-scenario":
        questions = questions[:-1] + ["not-a-scenario"]
    elif forge == "no-questions":
        questions = []
    elif forge == "too-many":
        questions = questions * 2
    elif forge == "duplicate":
        questions = [questions[0]] * 3
    response = client.post("/en/quiz", data={"questions": ",".join(questions), **answers})
    assert response.status_code == 400
    assert "This quiz could not be read. Please start a new quiz." in response.get_data(as_text=True)


def test_the_quiz_is_in_the_readers_language(client):
    en = _form(client, "en")[3]
    fr = _form(client, "fr")[3]
    assert "Check my answers" in en and "Check my answers" not in fr
