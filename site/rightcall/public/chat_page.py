"""``/<locale>/chat``: the assistant without JavaScript — a form, the conversation drawn here.

The conversation so far travels in the form itself, signed with the secret key (so it cannot
be forged) and never stored on the server: no cookie, no session, no database row.
"""
from __future__ import annotations

from flask import current_app, g, render_template, request
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.exceptions import BadRequest

from ..chat.assistant_content import catalogue
from ..chat.conversation import MAX_MESSAGE, ChatInputError, take_turn
from ..chat.fallback import payload_intent
from ..extensions import limiter
from . import bp

MAX_ENTRIES = 16   # the page shows the last 8 exchanges


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="chat-transcript")


def _read_transcript(signed: str) -> list:
    if not signed:
        return []
    try:
        transcript = _serializer().loads(signed)
    except BadSignature:
        error = BadRequest()
        error.user_message = _("This conversation could not be read. Please start again.")
        raise error from None
    return transcript if isinstance(transcript, list) else []


def _shown_as(message: str) -> str:
    """What the resident sees of their own message: a button's title, not its payload."""
    intent = payload_intent(message)
    if intent is None:
        return message
    cat, locale = catalogue(), g.lang.tag
    if intent in cat.quick_replies:
        return cat.quick_reply(locale, intent)
    for choices in cat.clarify.values():
        for key, target in choices.items():
            if target == intent:
                return cat.message(locale, key.replace("if_", "clarify_"))
    return message


def _page(transcript: list, conversation: str | None, error: str | None = None,
          draft: str = "", status: int = 200):
    cat, locale = catalogue(), g.lang.tag
    g.usage_page = "chat"       # a GET of this page is counted as a page view
    quick = [(cat.quick_reply(locale, i), f"/{i}") for i in cat.quick_replies]
    signed = _serializer().dumps(transcript) if transcript else ""
    html = render_template("chat.html", transcript=transcript, conversation=conversation,
                           signed=signed, error=error, draft=draft, quick=quick,
                           max_length=MAX_MESSAGE, hide_ask=True)
    return html, status, {"Cache-Control": "no-store"}


@bp.get("/<lang:locale>/chat")
def chat():
    return _page([], None)


@bp.post("/<lang:locale>/chat")
@limiter.limit(lambda: current_app.config["CHAT_RATE_LIMIT"])
def chat_post():
    transcript = _read_transcript(request.form.get("transcript", ""))
    conversation = request.form.get("conversation") or None
    message = request.form.get("message", "")
    try:
        turn = take_turn(message, g.lang.tag, conversation)
    except ChatInputError:
        if not message.strip():
            error = _("Type a message, or pick one of the situations.")
        elif len(message.strip()) > MAX_MESSAGE:
            error = _("Your message is too long. Please keep it under %(count)d characters.",
                      count=MAX_MESSAGE)
        else:
            error = _("This conversation could not be read. Please start again.")
        return _page(transcript, conversation, error=error, draft=message[:MAX_MESSAGE * 2],
                     status=400)
    transcript = (transcript + [
        {"who": "you", "text": _shown_as(message.strip())},
        {"who": "bot", "replies": turn.answer.replies, "limited": turn.mode == "limited"},
    ])[-MAX_ENTRIES:]
    return _page(transcript, turn.conversation)
