"""The self-test quiz: 8 scenarios, "which number?", feedback with the reason.

It works as a plain form POST; JavaScript only reveals each question's feedback as soon as it
is answered. Questions are drawn at random; each question's four options are fixed per
scenario, so an answer can be checked without keeping any state about the reader.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from flask import g, make_response, request
from flask_babel import gettext as _

from .. import directory
from . import bp
from ..usage.recorder import record
from .rendering import load_page, render_page

QUESTIONS = 8
EMERGENCY_QUESTIONS = 3
MAX_QUESTIONS = 10
OPTIONS = 4
EMERGENCY = "emergency-911"


@dataclass
class Question:
    scenario: directory.ScenarioView
    options: list[directory.ServiceView]
    answer: str | None = None

    @property
    def correct(self) -> bool:
        return self.answer == self.scenario.service.id


def options_for(scenario: directory.ScenarioView,
                services: dict[str, directory.ServiceView]) -> list[directory.ServiceView]:
    """The four options for a scenario: the right service and three others, always the same."""
    # bandit B311: a stable shuffle of options, not a secret
    rng = random.Random(scenario.id)  # nosec B311
    others = sorted(s for s in services if s != scenario.service.id)
    chosen = rng.sample(others, OPTIONS - 1) + [scenario.service.id]
    if EMERGENCY not in chosen:  # 9-1-1 is always a choice: knowing when NOT to call it matters
        chosen[0] = EMERGENCY
    rng.shuffle(chosen)
    return [services[s] for s in chosen]


def draw(scenarios: dict[str, directory.ScenarioView], rng: random.Random) -> list[str]:
    """Pick scenario ids: some 9-1-1 situations and some that need another number."""
    emergencies = [s for s, v in scenarios.items() if v.service.id == EMERGENCY]
    others = [s for s, v in scenarios.items() if v.service.id != EMERGENCY]
    n_emergency = min(EMERGENCY_QUESTIONS, len(emergencies))
    picked = rng.sample(emergencies, n_emergency)
    picked += rng.sample(others, min(QUESTIONS - n_emergency, len(others)))
    rng.shuffle(picked)
    return picked


class QuizFormError(ValueError):
    """The posted quiz cannot be graded; ``args[0]`` is the message for the reader."""


def read_form(form, scenarios, services) -> tuple[list[Question], list[str]]:
    """Questions with the reader's answers, and the ids of unanswered questions.

    Raises QuizFormError for a form no page of ours could have produced.
    """
    ids = [s for s in form.get("questions", "").split(",") if s]
    if not ids or len(ids) > MAX_QUESTIONS or len(set(ids)) != len(ids) \
            or any(s not in scenarios for s in ids):
        raise QuizFormError(_("This quiz could not be read. Please start a new quiz."))
    questions, missing = [], []
    for sid in ids:
        question = Question(scenarios[sid], options_for(scenarios[sid], services))
        answer = form.get(f"answer-{sid}")
        if answer is None or answer == "":
            missing.append(sid)
        elif answer not in {o.id for o in question.options}:
            raise QuizFormError(_("This quiz could not be read. Please start a new quiz."))
        else:
            question.answer = answer
        questions.append(question)
    return questions, missing


@bp.route("/<lang:locale>/quiz", methods=["GET", "POST"])
def quiz():
    services = directory.services(g.lang.tag)
    scenarios = directory.scenarios(g.lang.tag, services)
    content = load_page("quiz")
    g.usage_page = "quiz"
    status, error, missing, graded = 200, None, [], False
    if request.method == "POST":
        try:
            questions, missing = read_form(request.form, scenarios, services)
        except QuizFormError as exc:
            questions, status, error = _new_questions(scenarios, services), 400, str(exc)
        else:
            if missing:
                status, error = 400, _("Please answer every question.")
            else:
                graded = True
                _count_answers(questions, request.form.get("counted", ""))
    else:
        questions = _new_questions(scenarios, services)
    html = _quiz_html(content, services, questions, graded=graded, error=error, missing=set(missing))
    response = make_response(html, status)
    response.cache_control.no_store = True
    return response


def _count_answers(questions: list[Question], counted: str) -> None:
    """One ``quiz_answer`` event per question, unless the page's script counted it already."""
    already = set(counted.split(","))
    for question in questions:
        if question.scenario.id not in already:
            record("quiz_answer", g.lang.tag, scenario=question.scenario.id, correct=question.correct)


def _quiz_html(content, services, questions: list[Question], graded=False, error=None,
               missing: set[str] = frozenset()) -> str:
    return render_page("quiz.html", content, services=services, questions=questions, graded=graded,
                       error=error, missing=missing, score=sum(q.correct for q in questions))


def new_quiz_html(content, services) -> str:
    """A fresh quiz with ``content`` as its introduction (the workspace's preview)."""
    scenarios = directory.scenarios(g.lang.tag, services)
    return _quiz_html(content, services, _new_questions(scenarios, services))


def _new_questions(scenarios, services) -> list[Question]:
    ids = draw(scenarios, random.SystemRandom())
    return [Question(scenarios[s], options_for(scenarios[s], services)) for s in ids]
