"""One turn of the conversation: the danger check first, then the classifier's intent."""
from __future__ import annotations

from .danger import DangerSigns
from .replies import EMERGENCY, Answer, Composer

NOT_UNDERSTOOD = {None, "", "nlu_fallback", "out_of_scope"}


def answer_turn(composer: Composer, danger: DangerSigns, text: str, intent: str | None,
                *, first_turn: bool) -> Answer:
    """The answer to ``text``; ``intent`` is what the classifier (or a button) said it is.

    A sign of danger wins over any intent: the first reply is then "Call 9-1-1 now".
    """
    sign = danger.find(text, prefer=composer.locale) if text else None
    if sign is not None:
        answer = composer.emergency(safety=intent != EMERGENCY)
    elif intent in NOT_UNDERSTOOD:
        answer = composer.safe_answer(intent or None)
    else:
        answer = composer.for_intent(intent)
    if first_turn:
        composer.add_disclaimer(answer)
    return answer
