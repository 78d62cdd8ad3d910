"""Tell requests apart without keeping anything that identifies the person.

Rate limits need *some* key per client. The key is an HMAC of the client address and today's
date under the app's secret key: it changes every day, cannot be turned back into an address
without the secret, and is only ever kept in the limiter's short-lived counters.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone

from flask import current_app, request


def client_fingerprint() -> str:
    day = datetime.now(timezone.utc).date().isoformat()
    message = f"{day}|{request.remote_addr or '-'}".encode()
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
