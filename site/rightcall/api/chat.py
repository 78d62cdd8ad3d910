"""``POST /api/chat``: one turn of a conversation with the assistant, as JSON.

Request ``{"message": str, "locale": str, "conversation": str|null}``; answer
``{"conversation", "replies": [{"text", "buttons": [{"title", "payload"}]}], "route",
"services", "mode"}``. Bad input is a 400 with a clear ``error``; nothing is ever stored.
"""
from __future__ import annotations

from flask import current_app, jsonify, request

from ..chat.conversation import ChatInputError, take_turn
from ..extensions import limiter
from . import bp
from .responses import bad_request


def _limit() -> str:
    return current_app.config["CHAT_RATE_LIMIT"]


@bp.post("/chat")
@limiter.limit(_limit)
def chat():
    if not request.is_json:
        return bad_request("Send JSON with Content-Type: application/json.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return bad_request("The body must be a JSON object: message, locale, conversation.")
    try:
        turn = take_turn(body.get("message"), body.get("locale"), body.get("conversation"))
    except ChatInputError as error:
        return bad_request(str(error))
    response = jsonify(turn.to_json(body["locale"]))
    response.headers["Cache-Control"] = "no-store"
    return response
