"""Checks on what the team types into the directory: numbers a phone can dial, safe links.

A phone, TTY or text number must be a valid North American (NANP) number, or a short code:
a 3-digit N11 service number or 9-8-8 — and, for text messages, a 5- or 6-digit common short
code. A link must be https (no http, no javascript:, no data:).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers

N11_OR_988 = re.compile(r"^(?:[2-9]11|988)$")
SMS_SHORT_CODE = re.compile(r"^\d{5,6}$")
ALLOWED_CHARS = re.compile(r"^[0-9 ()+.\-]+$")


def phone_problem(number: str, kind: str = "phone") -> str | None:
    """Why ``number`` cannot be dialled (None when it is fine)."""
    number = (number or "").strip()
    if not number:
        return "Enter the number."
    if not ALLOWED_CHARS.match(number):
        return "Write the number in digits (letters like 416-392-CITY go in “shown as”)."
    digits = re.sub(r"\D", "", number)
    if N11_OR_988.match(digits):
        return None
    if kind == "sms" and SMS_SHORT_CODE.match(digits):
        return None
    try:
        parsed = phonenumbers.parse(number, "CA")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and parsed.country_code == 1 and phonenumbers.is_valid_number(parsed):
        return None
    short = "a 3-digit service number (2-1-1 … 9-1-1, 9-8-8)"
    if kind == "sms":
        short += " or a 5–6 digit text short code"
    return f"Not a North American phone number (like 416-808-2222 or 1-800-668-6868) nor {short}."


def url_problem(url: str, required: bool = True) -> str | None:
    """Why ``url`` is not an acceptable link (None when it is fine or empty and optional)."""
    url = (url or "").strip()
    if not url:
        return "Enter the address (https://…)." if required else None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in url):
        return "The address must start with https:// (a secure link)."
    return None
